package org.passerelle.payment;

import java.util.Arrays;
import org.passerelle.privacy.Digests;

/** Fingerprint of a request's meaning, to tell "the same request again" from "another request with the same key". */
final class RequestHash {

    private RequestHash() {
    }

    static String of(Object... parts) {
        return Digests.sha256Hex(Arrays.asList(parts));
    }

    /** Idempotency keys: 1-128 printable ASCII characters, no spaces (a UUID fits). */
    static String requireKey(String key) {
        if (key != null && !key.matches("[\\x20-\\x7E]*")) {
            throw PaymentProblems.KeyRequired.notAscii();
        }
        if (key == null || !key.matches("[\\x21-\\x7E]{1,128}")) {
            throw new PaymentProblems.KeyRequired();
        }
        return key;
    }
}
