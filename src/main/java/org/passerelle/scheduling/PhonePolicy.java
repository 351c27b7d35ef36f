package org.passerelle.scheduling;

/**
 * Decides whether a patient's phone number can receive reminders. Implemented by the sms feature
 * (numbering rules, opt-outs), so scheduling does not depend on it.
 */
public interface PhonePolicy {

    PhoneCheck check(String rawNumber);

    /** Result of checking a number; {@code e164} and {@code hash} are set only when a number was parsed. */
    record PhoneCheck(PhoneStatus status, String e164, String hash, String reason) {
        public boolean canReceive() {
            return status == PhoneStatus.OK;
        }
    }

    enum PhoneStatus { OK, MISSING, INVALID, NOT_MOBILE, OPTED_OUT, PURGED }
}
