package org.passerelle.payment.nexo;

import java.security.SecureRandom;

/** nexo ServiceID: unique per request from one SaleID, at most 10 characters. 10 base-36 chars ≈ 51 bits. */
public final class ServiceIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private ServiceIds() {
    }

    public static String next() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
