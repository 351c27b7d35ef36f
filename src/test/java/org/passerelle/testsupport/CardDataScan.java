package org.passerelle.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.passerelle.testsupport.terminal.CarelessCard;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches stored values and log lines for the card data the fake terminal backend sends
 * ({@link CarelessCard}): the PAN (its digits with anything but letters and digits between them), the track
 * data, the expiry in its forms, the CVV, and the field names of sensitive card data. Short values (expiry,
 * CVV) count only as whole tokens, so a UUID, an amount or a timestamp does not set them off; in log lines
 * the timestamp and process id of the line's prefix, and ids (UUIDs) anywhere, are left out for that reason. A masked PAN (first 6,
 * last 4) is not card data.
 */
public final class CardDataScan {

    private static final Pattern PAN_ANY_SEPARATORS = Pattern.compile(String.join("[^\\p{Alnum}]*", CarelessCard.PAN.split("")));
    private static final List<String> VERBATIM = List.of(CarelessCard.TRACK2, CarelessCard.TRACK1, CarelessCard.TRACK_DISCRETIONARY);
    /**
     * The expiry as a number of its own, but not a duration or a size ("initialization completed in 2812 ms" once
     * failed a test): a leaked expiry is not followed by a unit.
     */
    private static final Pattern EXPIRY = Pattern.compile("(?<![\\p{Alnum}])(" + CarelessCard.EXPIRY_YYMM + "|" + CarelessCard.EXPIRY_MMYY
            + ")(?![\\p{Alnum}])(?!\\s?(ms|s|µs|ns|seconds?|milliseconds?|MiB|MB|KiB|KB|kB|B|bytes)\\b)"
            + "|12\\s*/\\s*(20)?28(?![\\p{Alnum}])");
    private static final Pattern CVV = Pattern.compile("(?<![\\p{Alnum}])" + CarelessCard.CVV + "(?![\\p{Alnum}])");
    private static final Pattern CVV_IN_LOGS = Pattern.compile("(?i)(cvv2?|cvc2?|csc|security.?code)\\W{0,3}" + CarelessCard.CVV
            + "|\"" + CarelessCard.CVV + "\"");
    private static final Pattern FIELD_NAMES = Pattern.compile("(?i)SensitiveCardData|TrackValue|TrackData|ExpiryDate|CardSecurityCode"
            + "|cvc=|\"cvv\"|track2|AdditionalResponse");
    /** Ids (UUIDs) are random hex: a group of theirs such as {@code -2812-} reads like the expiry. */
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LOG_PREFIX = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+(Z|[+-]\\d\\d:\\d\\d)?\\s+[A-Z]+\\s+\\d+\\s+---");

    private CardDataScan() {
    }

    /** What card data {@code value} holds, each named with {@code where}; empty when none. */
    public static List<String> inValue(String where, String value) {
        return inValue(where, value, true);
    }

    /** {@code shortValues}: false for a cell that is not character data (a timestamp, a number), read for long values only. */
    private static List<String> inValue(String where, String value, boolean shortValues) {
        List<String> found = new ArrayList<>();
        if (value == null) {
            return found;
        }
        find(found, where, "PAN", PAN_ANY_SEPARATORS.matcher(value));
        VERBATIM.stream().filter(value::contains).forEach(v -> found.add(where + ": track data"));
        if (shortValues) {
            String withoutIds = UUID.matcher(value).replaceAll("<uuid>");
            find(found, where, "expiry", EXPIRY.matcher(withoutIds));
            find(found, where, "CVV", CVV.matcher(withoutIds));
        }
        find(found, where, "sensitive card field", FIELD_NAMES.matcher(value));
        return found;
    }

    /** The same over captured log output, one finding per line, line prefixes (time, pid) left out. */
    public static List<String> inLog(String output) {
        List<String> found = new ArrayList<>();
        String[] lines = LOG_PREFIX.matcher(output).replaceAll("").split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "log line " + (i + 1);
            find(found, where, "PAN", PAN_ANY_SEPARATORS.matcher(line));
            VERBATIM.stream().filter(line::contains).forEach(v -> found.add(where + ": track data"));
            String withoutIds = UUID.matcher(line).replaceAll("<uuid>");
            find(found, where, "expiry", EXPIRY.matcher(withoutIds));
            find(found, where, "CVV", CVV_IN_LOGS.matcher(withoutIds));
            find(found, where, "sensitive card field", FIELD_NAMES.matcher(line));
        }
        return found;
    }

    /** Every cell of every table of the current schema, read as text. */
    public static List<String> inDatabase(JdbcClient jdbc) {
        List<String> found = new ArrayList<>();
        for (String table : tables(jdbc)) {
            for (Map<String, Object> row : jdbc.sql("select * from \"" + table + "\"").query().listOfRows()) {
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    Object v = cell.getValue();
                    String text = v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(v);
                    boolean characters = v instanceof CharSequence || v instanceof byte[] || v instanceof java.sql.Clob;
                    found.addAll(inValue(table + "." + cell.getKey(), text, characters));
                }
            }
        }
        return found;
    }

    public static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("select table_name from information_schema.tables where lower(table_schema) = lower(current_schema) "
                        + "and table_type = 'BASE TABLE'")
                .query(String.class).list();
    }

    private static void find(List<String> found, String where, String what, Matcher m) {
        if (m.find()) {
            found.add(where + ": " + what);
        }
    }
}
