package org.passerelle.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Phone numbers at rest: AES-256-GCM with a random 96-bit nonce per value, and a keyed hash (HMAC-SHA256)
 * to find a number (opt-out, cancellation) without storing it in clear.
 */
@Component
public class PhoneProtection {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    public PhoneProtection(PrivacyProperties properties) {
        this.encryptionKey = new SecretKeySpec(Base64.getDecoder().decode(properties.phoneEncryptionKey().trim()), "AES");
        this.hashKey = new SecretKeySpec(Base64.getDecoder().decode(properties.phoneHashKey().trim()), "HmacSHA256");
    }

    public String encrypt(String e164) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(e164.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt phone number", e);
        }
    }

    public String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt phone number (wrong key or damaged value)", e);
        }
    }

    /** Keyed hash of an E.164 number: equal numbers give equal hashes, the number cannot be read back. */
    public String hash(String e164) {
        return Digests.hmacSha256Hex(hashKey, e164);
    }

    /** For logs and screens: country code and last two digits only, e.g. +33•••••••78. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "•••";
        }
        int cc = e164.startsWith("+") ? Math.min(3, e164.length() - 2) : 0;
        return e164.substring(0, cc) + "•".repeat(e164.length() - cc - 2) + e164.substring(e164.length() - 2);
    }
}
