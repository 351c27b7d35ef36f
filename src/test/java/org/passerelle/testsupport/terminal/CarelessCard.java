package org.passerelle.testsupport.terminal;

import java.util.List;

/**
 * The card data a careless terminal backend sends back with every approval (a Visa test card): full PAN,
 * expiry, CVV, track 1 and track 2. {@link FakeTerminalBackend} puts all of it in its PaymentResponses;
 * the card-data scans search the database and the log for every one of these, in every form.
 */
public final class CarelessCard {

    public static final String PAN = "4111111111111111";
    /** nexo {@code ExpiryDate} (YYMM) and the forms a person or a log would write it in. */
    public static final String EXPIRY_YYMM = "2812";
    public static final String EXPIRY_MMYY = "1228";
    public static final String EXPIRY_MM_YY = "12/28";
    public static final String CVV = "737";
    /** Track 2 equivalent data: PAN, '=', expiry YYMM, service code 101, discretionary data. */
    public static final String TRACK2 = PAN + "=" + EXPIRY_YYMM + "101" + "1234567890";
    public static final String TRACK1 = "%B" + PAN + "^CARDHOLDER/TEST^" + EXPIRY_YYMM + "101" + "00000000987000000?";
    /** The part of the track data after the PAN: found alone, it is still track data. */
    public static final String TRACK_DISCRETIONARY = EXPIRY_YYMM + "1011234567890";
    /** How a careless backend lists it all in nexo's free-text AdditionalResponse. */
    public static final String ADDITIONAL_RESPONSE = "cardHolderName=&expiryDate=" + EXPIRY_MM_YY + "&cvc=" + CVV
            + "&pan=" + PAN + "&track2=" + TRACK2;

    private CarelessCard() {
    }

    /** Every value the scans look for, as sent. */
    public static List<String> values() {
        return List.of(PAN, EXPIRY_YYMM, EXPIRY_MMYY, EXPIRY_MM_YY, CVV, TRACK2, TRACK1, TRACK_DISCRETIONARY);
    }
}
