package org.passerelle.sms;

import static java.util.Map.entry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.scheduling.PhonePolicy;
import org.springframework.stereotype.Component;

/**
 * Patient numbers as libphonenumber reads them with region FR by default: overseas departments get their
 * own country codes (0692 → +262, 0690 → +590, ...), landlines and invalid numbers are refused with a
 * reason, and numbers that replied STOP are refused as opted out.
 */
@Component
class PhoneNumbers implements PhonePolicy {

    static final String DEFAULT_REGION = "FR";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final PhoneProtection protection;
    private final OptOutStore optOuts;

    public PhoneNumbers(PhoneProtection protection, OptOutStore optOuts) {
        this.protection = protection;
        this.optOuts = optOuts;
    }

    @Override
    public PhoneCheck check(String raw) {
        PhoneCheck number = checkNumber(raw);
        return number.status() == PhoneStatus.OK ? withOptOut(number) : number;
    }

    @Override
    public PhoneCheck checkNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return new PhoneCheck(PhoneStatus.MISSING, null, null, "no phone number given");
        }
        PhoneNumber number;
        try {
            number = parse(raw);
        } catch (NumberParseException e) {
            return new PhoneCheck(PhoneStatus.INVALID, null, null, "not a phone number (" + e.getErrorType() + ")");
        }
        if (!UTIL.isValidNumber(number)) {
            return new PhoneCheck(PhoneStatus.INVALID, null, null, "not a valid number in its numbering plan");
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        String hash = protection.hash(e164);
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new PhoneCheck(PhoneStatus.NOT_MOBILE, e164, hash,
                    "cannot receive SMS: " + type.name().toLowerCase().replace('_', ' ') + " number");
        }
        return new PhoneCheck(PhoneStatus.OK, e164, hash, null);
    }

    /**
     * One look-up for the hashes of every usable number under every key; only a number found there is looked up
     * again alone ({@link #withOptOut}: it is recorded under the current key if found under an older one).
     */
    @Override
    public List<PhoneCheck> withOptOuts(List<PhoneCheck> numberChecks) {
        List<List<String>> underEveryKey = new ArrayList<>(numberChecks.size());
        List<String> all = new ArrayList<>();
        for (PhoneCheck c : numberChecks) {
            List<String> hashes = c.status() == PhoneStatus.OK ? protection.hashes(c.e164()) : List.of();
            underEveryKey.add(hashes);
            all.addAll(hashes);
        }
        Set<String> optedOut = all.isEmpty() ? Set.of() : optOuts.optedOutAmong(all);
        List<PhoneCheck> checked = new ArrayList<>(numberChecks.size());
        for (int i = 0; i < numberChecks.size(); i++) {
            boolean found = underEveryKey.get(i).stream().anyMatch(optedOut::contains);
            checked.add(found ? withOptOut(numberChecks.get(i)) : numberChecks.get(i));
        }
        return checked;
    }

    private PhoneCheck withOptOut(PhoneCheck usable) {
        List<String> underEveryKey = protection.hashes(usable.e164());
        if (optOuts.isOptedOut(underEveryKey)) {
            optOuts.keepUnderCurrentKey(usable.hash(), underEveryKey);
            return new PhoneCheck(PhoneStatus.OPTED_OUT, usable.e164(), usable.hash(), "patient replied STOP");
        }
        return usable;
    }

    /**
     * Parses with region FR; a national number that is not valid in metropolitan France is read in the
     * overseas department that the French plan gives its prefix to (0692 → Réunion +262, 0639 → Mayotte
     * +262, 0690 → Guadeloupe +590, 0696 → Martinique +596, 0694 → Guyane +594), never as +33.
     */
    static PhoneNumber parse(String raw) throws NumberParseException {
        PhoneNumber number = UTIL.parse(raw, DEFAULT_REGION);
        if (UTIL.isValidNumber(number) || raw.strip().startsWith("+") || raw.strip().startsWith("00")) {
            return number;
        }
        String digits = raw.replaceAll("\\D", "");
        String region = digits.length() >= 4 ? OVERSEAS_PREFIXES.get(digits.substring(0, 4)) : null;
        if (region != null) {
            PhoneNumber overseas = UTIL.parse(raw, region);
            if (UTIL.isValidNumber(overseas)) {
                return overseas;
            }
        }
        return number;
    }

    /** ARCEP: national prefixes of the overseas departments that share the French "0" trunk prefix. */
    private static final Map<String, String> OVERSEAS_PREFIXES = Map.ofEntries(
            entry("0692", "RE"), entry("0693", "RE"), entry("0262", "RE"),
            entry("0263", "RE"), entry("0639", "YT"), entry("0269", "YT"),
            entry("0690", "GP"), entry("0691", "GP"), entry("0590", "GP"),
            entry("0696", "MQ"), entry("0697", "MQ"), entry("0596", "MQ"),
            entry("0694", "GF"), entry("0594", "GF"));

    /** E.164 of an address as an SMSC reports it (international TON without '+', or national). */
    public static String fromSmscAddress(String address, Byte ton) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String candidate = (ton != null && ton == 1 && !address.startsWith("+")) ? "+" + address : address;
        try {
            PhoneNumber number = UTIL.parse(candidate, DEFAULT_REGION);
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
