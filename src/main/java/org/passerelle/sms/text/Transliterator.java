package org.passerelle.sms.text;

import java.util.Map;
import java.util.Objects;

/**
 * Replaces characters that are not in GSM-7 by close GSM-7 equivalents, where the result
 * still reads as correct French: accents GSM-7 lacks (â ê î ô û ë ï ÿ ç, À È Ù ...),
 * ligatures, typographic quotes and dashes, the ellipsis and French non-breaking spaces.
 *
 * <p>Characters already in GSM-7 (é è à ù Ç ...) are kept as they are. Characters without a
 * safe equivalent (emoji, other scripts) are left unchanged, so the text then needs UCS-2.
 *
 * <p>The degree sign becomes the letter {@code o}: in French text it mostly appears in
 * "n°" (numéro), whose usual spelled-out abbreviation is "no".
 */
final class Transliterator {

    private static final Map<Character, String> REPLACEMENTS = Map.ofEntries(
            Map.entry('â', "a"), Map.entry('ê', "e"), Map.entry('î', "i"), Map.entry('ô', "o"),
            Map.entry('û', "u"), Map.entry('ë', "e"), Map.entry('ï', "i"), Map.entry('ÿ', "y"),
            Map.entry('ç', "c"),
            Map.entry('Â', "A"), Map.entry('Ê', "E"), Map.entry('Î', "I"), Map.entry('Ô', "O"),
            Map.entry('Û', "U"), Map.entry('Ë', "E"), Map.entry('Ï', "I"), Map.entry('Ÿ', "Y"),
            Map.entry('È', "E"), Map.entry('À', "A"), Map.entry('Ù', "U"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('\u2019', "'"), Map.entry('\u2018', "'"),   // ’ ‘
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), // “ ”
            Map.entry('«', "\""), Map.entry('»', "\""),
            Map.entry('\u2026', "..."),                           // …
            Map.entry('\u2013', "-"), Map.entry('\u2014', "-"),   // – —
            Map.entry('\u2010', "-"), Map.entry('\u2011', "-"),   // hyphen, non-breaking hyphen
            Map.entry('\u00A0', " "), Map.entry('\u202F', " "),   // no-break space, narrow no-break space
            Map.entry('°', "o"));

    private Transliterator() {
    }

    /** The text with every replaceable non-GSM-7 character replaced; everything else unchanged. */
    public static String toGsm(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = REPLACEMENTS.get(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** The characters this class replaces; for tests and documentation. */
    static Map<Character, String> replacements() {
        return REPLACEMENTS;
    }
}
