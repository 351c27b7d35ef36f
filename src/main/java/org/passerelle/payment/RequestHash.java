package org.passerelle.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fingerprint of a request's meaning, to tell "the same request again" from "another request with the same key". */
final class RequestHash {

    private RequestHash() {
    }

    static String of(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (Object part : parts) {
            canonical.append(part == null ? "\u0000" : part.toString()).append('\u001f');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Idempotency keys: 1-128 printable ASCII characters, no spaces (a UUID fits). */
    static String requireKey(String key) {
        if (key == null || !key.matches("[\\x21-\\x7E]{1,128}")) {
            throw new PaymentProblems.KeyRequired();
        }
        return key;
    }
}
