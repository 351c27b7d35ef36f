package org.passerelle.scheduling;

import java.util.List;

/**
 * Decides whether a patient's phone number can receive reminders. Implemented by the sms feature
 * (numbering rules, opt-outs), so scheduling does not depend on it.
 */
public interface PhonePolicy {

    PhoneCheck check(String rawNumber);

    /**
     * {@link #check} without the opt-out look-up: numbering plan and line type only, no database, any thread. An
     * {@code OK} here may still be opted out: {@link #withOptOuts} completes it.
     */
    PhoneCheck checkNumber(String rawNumber);

    /**
     * Completes results of {@link #checkNumber} with the opt-outs, in one look-up for all of them (in the caller's
     * transaction); the i-th result answers the i-th check as {@link #check} would.
     */
    List<PhoneCheck> withOptOuts(List<PhoneCheck> numberChecks);

    /** Result of checking a number; {@code e164} and {@code hash} are set only when a number was parsed. */
    record PhoneCheck(PhoneStatus status, String e164, String hash, String reason) {
        public boolean canReceive() {
            return status == PhoneStatus.OK;
        }
    }

    enum PhoneStatus { OK, MISSING, INVALID, NOT_MOBILE, OPTED_OUT, PURGED }
}
