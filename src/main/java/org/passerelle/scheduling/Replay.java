package org.passerelle.scheduling;

import java.util.Objects;
import org.passerelle.privacy.PhoneProtection;

/**
 * Whether a create-or-replace changes nothing an appointment stores, so a replay (the same PUT again, an HL7
 * resend) is answered "unchanged" without touching the row or its reminders.
 *
 * <p>Compared field by field against the stored row, the phone number through its keyed hash under the key the row
 * names. No digest of the request is stored for this: the former {@code content_hash}, an unkeyed SHA-256 including
 * the number, let the number be brute-forced back from a dump, purged rows included (issue 8). Because rows are
 * compared by what they store, rows written before that hash was dropped are recognised as well, and an upgrade
 * never turns a replay into a change (nor a second reminder).
 */
final class Replay {

    private Replay() {
    }

    static boolean isUnchanged(StoredAppointment stored, AppointmentCommand c, PhonePolicy.PhoneCheck phone,
                               PhoneProtection protection) {
        return stored.status() == AppointmentStatus.BOOKED
                && stored.start().equals(c.start().toInstant())
                && stored.zone().equals(c.start().getZone())
                && stored.siteCode().equals(c.siteCode())
                && stored.smsConsent() == c.smsConsent()
                && samePhone(stored, phone, protection);
    }

    /**
     * A purged row keeps its number purged: the appointment is over and its start unchanged, so the number sent
     * again is not taken back. Otherwise the same outcome of the check and the same number (both absent or
     * unreadable with the same reason, or one whose keyed hash matches).
     */
    private static boolean samePhone(StoredAppointment stored, PhonePolicy.PhoneCheck phone, PhoneProtection protection) {
        if (stored.phoneStatus() == PhonePolicy.PhoneStatus.PURGED) {
            return true;
        }
        if (stored.phoneStatus() != phone.status() || !Objects.equals(stored.phoneReason(), phone.reason())) {
            return false;
        }
        return phone.e164() == null ? stored.phoneHash() == null : protection.isHashOf(stored.phoneHash(), phone.e164());
    }
}
