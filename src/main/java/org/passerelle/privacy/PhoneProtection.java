package org.passerelle.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Phone numbers at rest: AES-256-GCM with a random 96-bit nonce per value, and a keyed hash (HMAC-SHA256)
 * to find a number (opt-out) without storing it in clear. Every value stored names its key,
 * {@code <key id>:<value>}, so keys can be rotated: new values take the current key, stored ones are read
 * with the key they name (see {@link PrivacyProperties}).
 */
@Component
public class PhoneProtection {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * One decrypting cipher per thread, initialised afresh for each value: {@code Cipher.getInstance} (a provider
     * lookup) cost more than the decryption for each reminder sent. Only for decryption; GCM forbids re-using a
     * nonce when encrypting, and {@link #encrypt} draws a new one anyway.
     */
    private static final ThreadLocal<Cipher> DECRYPTERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private final Map<String, SecretKeySpec> encryptionKeys = new LinkedHashMap<>();
    private final Map<String, SecretKeySpec> hashKeys = new LinkedHashMap<>();
    private final String currentEncryptionKey;
    private final String currentHashKey;
    private final SecureRandom random = new SecureRandom();

    public PhoneProtection(PrivacyProperties properties) {
        properties.encryptionKeys().forEach((id, key) -> encryptionKeys.put(id, new SecretKeySpec(decode(key), "AES")));
        properties.hashKeys().forEach((id, key) -> hashKeys.put(id, new SecretKeySpec(decode(key), "HmacSHA256")));
        this.currentEncryptionKey = properties.currentEncryptionKey();
        this.currentHashKey = properties.currentHashKey();
    }

    /** {@code <current key id>:<base64 of nonce and sealed number>}. */
    public String encrypt(String e164) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKeys.get(currentEncryptionKey), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(e164.getBytes(StandardCharsets.UTF_8));
            return currentEncryptionKey + ":"
                    + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt phone number", e);
        }
    }

    /** Reads a value of {@link #encrypt} with the key it names. */
    public String decrypt(String stored) {
        int colon = stored.indexOf(':');
        SecretKeySpec key = colon < 0 ? null : encryptionKeys.get(stored.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("Cannot decrypt phone number: its key id is not in passerelle.privacy.phone-encryption-keys");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = DECRYPTERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt phone number (wrong key or damaged value)", e);
        }
    }

    /** Keyed hash of an E.164 number with the current key, {@code <key id>:<hex>}; cannot be read back. */
    public String hash(String e164) {
        return hashWith(currentHashKey, e164);
    }

    /** The number's keyed hash under every configured key, the current one first: to find values stored earlier. */
    public List<String> hashes(String e164) {
        List<String> all = new ArrayList<>();
        all.add(hash(e164));
        hashKeys.keySet().stream().filter(id -> !id.equals(currentHashKey)).forEach(id -> all.add(hashWith(id, e164)));
        return all;
    }

    /** Whether {@code stored}, a value of {@link #hash}, is this number's hash under the key it names. */
    public boolean isHashOf(String stored, String e164) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        return colon > 0 && hashKeys.containsKey(stored.substring(0, colon)) && stored.equals(hashWith(stored.substring(0, colon), e164));
    }

    private String hashWith(String keyId, String e164) {
        return keyId + ":" + Digests.hmacSha256Hex(hashKeys.get(keyId), e164);
    }

    private static byte[] decode(String b64) {
        return Base64.getDecoder().decode(b64.trim());
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
