package org.passerelle.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place Passerelle hashes: SHA-256 for values that carry no patient data (request fingerprints,
 * long sender names), HMAC-SHA256 with a key for anything that could be brute-forced back to a person.
 * Several parts are joined unambiguously (a separator no input contains, nulls marked), so ("ab","c") and
 * ("a","bc") differ.
 */
public final class Digests {

    /** Looking an algorithm up costs more than using it: one instance per thread, initialised for each use. */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    });

    private Digests() {
    }

    /** Unkeyed, over several parts: never for a value derived from a phone number, a name or card data. */
    public static String sha256Hex(List<?> parts) {
        return sha256(canonical(parts));
    }

    /** Unkeyed, over the UTF-8 bytes of one value. */
    public static String sha256Hex(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyed, over several parts. */
    public static String hmacSha256Hex(SecretKeySpec key, List<?> parts) {
        return hmac(key, canonical(parts));
    }

    /** Keyed, over the UTF-8 bytes of one value. */
    public static String hmacSha256Hex(SecretKeySpec key, String value) {
        return hmac(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String hmac(SecretKeySpec key, byte[] bytes) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(key); // also resets it
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] canonical(List<?> parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part == null ? "\u0000" : part.toString()).append('\u001f');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
