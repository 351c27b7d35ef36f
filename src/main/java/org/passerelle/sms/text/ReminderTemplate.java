package org.passerelle.sms.text;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A French reminder text with placeholders {@code {date}}, {@code {heure}}, {@code {site}},
 * {@code {adresse}}, {@code {rappel}} and {@code {reference}}; nothing else can be inserted.
 * Checked when built, so a bad template fails at configuration time, not at sending time.
 */
public final class ReminderTemplate {

    /** Written to stay GSM-7: plain spaces before the colons, straight apostrophes only. */
    public static final String DEFAULT_TEMPLATE =
            "Rappel : RDV le {date} à {heure}, {site}, {adresse}. Pour annuler ou déplacer : {rappel}. Réf {reference}";

    private final String template;
    /** Alternating literal text (String) and placeholders (Placeholder), in order. */
    private final List<Object> parts;

    public ReminderTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("reminder template is blank");
        }
        this.template = template;
        this.parts = parse(template);
    }

    /** Formats the appointment start, in its own time zone, as "mardi 3 mars" and "14h30". */
    public static ReminderFields fields(ZonedDateTime start, String siteLabel, String siteAddress,
                                        String callbackPhone, String reference) {
        Objects.requireNonNull(start, "start");
        return new ReminderFields(FrenchDates.date(start), FrenchDates.time(start),
                siteLabel, siteAddress, callbackPhone, reference);
    }

    /**
     * Fills in the placeholders. Values are inserted as they are, never read as placeholders.
     *
     * @throws IllegalArgumentException when a placeholder the template uses has no value
     */
    public String render(ReminderFields fields) {
        Objects.requireNonNull(fields, "fields");
        StringBuilder text = new StringBuilder(template.length() + 64);
        for (Object part : parts) {
            if (part instanceof Placeholder placeholder) {
                String value = placeholder.valueIn(fields);
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("no value for " + placeholder.token() + ", which the template uses");
                }
                text.append(value);
            } else {
                text.append((String) part);
            }
        }
        return text.toString();
    }

    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }

    private static List<Object> parse(String template) {
        List<Object> parts = new ArrayList<>();
        int literalStart = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("unbalanced braces: '}' at index " + i + " closes nothing");
            }
            if (c == '{') {
                int close = closingBrace(template, i);
                String name = template.substring(i + 1, close);
                Placeholder placeholder = Placeholder.named(name).orElseThrow(() -> new IllegalArgumentException(
                        "unknown placeholder {" + name + "}; allowed: " + Placeholder.allowedList()));
                if (literalStart < i) {
                    parts.add(template.substring(literalStart, i));
                }
                parts.add(placeholder);
                i = close;
                literalStart = close + 1;
            }
        }
        if (literalStart < template.length()) {
            parts.add(template.substring(literalStart));
        }
        return List.copyOf(parts);
    }

    private static int closingBrace(String template, int open) {
        for (int i = open + 1; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == '{') {
                throw new IllegalArgumentException("unbalanced braces: '{' at index " + open + " is not closed before the '{' at index " + i);
            }
        }
        throw new IllegalArgumentException("unbalanced braces: '{' at index " + open + " is never closed");
    }
}
