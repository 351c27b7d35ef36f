package org.passerelle.testsupport.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names in the first column of the table under a Markdown heading (the README's "## Configuration").
 * The notation, also described in the README above the table:
 * <ul>
 *   <li>each {@code `code span`} in the first cell is one name; text outside code spans is ignored;</li>
 *   <li>a name starting with {@code passerelle.}, {@code spring.}, {@code server.}, {@code management.},
 *       {@code camel.} or {@code logging.}, or written in capitals (an environment variable), is absolute;
 *       any other name replaces the last segment of the absolute name before it in the same cell
 *       ({@code `passerelle.reminders.lead` / `minimum-lead`});</li>
 *   <li>{@code {a,b}} stands for each alternative ({@code passerelle.channels.breakers.{sms,payments}.x});</li>
 *   <li>{@code <code>} (any word in angle brackets) is a map key, {@code [i]} a list index;</li>
 *   <li>a trailing {@code .*} names every property under a nested group.</li>
 * </ul>
 */
public final class ReadmeConfigurationTable {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([^{}]*,[^{}]*)}");
    private static final Pattern ABSOLUTE = Pattern.compile("(passerelle|spring|server|management|camel|logging)\\..+|[A-Z][A-Z0-9_]*");

    /** A name as the README writes it, expanded, with the row it came from. */
    public record Entry(PropertyName name, String row) {
    }

    private ReadmeConfigurationTable() {
    }

    public static List<Entry> entries(String markdown, String heading) {
        List<Entry> entries = new ArrayList<>();
        for (String row : tableRows(markdown, heading)) {
            String firstCell = row.split("\\|")[1];
            String absolute = null;
            Matcher span = CODE_SPAN.matcher(firstCell);
            while (span.find()) {
                String written = span.group(1).trim();
                String name;
                if (ABSOLUTE.matcher(written).matches()) {
                    name = written;
                    absolute = written;
                } else if (absolute != null && absolute.contains(".")) {
                    name = absolute.substring(0, absolute.lastIndexOf('.') + 1) + written;
                } else {
                    throw new IllegalArgumentException("'" + written + "' continues no property name in row: " + row);
                }
                expand(name).forEach(n -> entries.add(new Entry(new PropertyName(n), row.trim())));
            }
        }
        return entries;
    }

    /** The body rows of the first table after the heading (header and separator rows skipped). */
    static List<String> tableRows(String markdown, String heading) {
        List<String> lines = markdown.lines().toList();
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalArgumentException("no heading '" + heading + "'");
        }
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("|")) {
                inTable = true;
                rows.add(line);
            } else if (inTable) {
                break;
            }
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("no table under '" + heading + "'");
        }
        return rows.subList(2, rows.size());
    }

    static List<String> expand(String name) {
        Matcher m = ALTERNATIVES.matcher(name);
        if (!m.find()) {
            return List.of(name);
        }
        List<String> all = new ArrayList<>();
        for (String alternative : m.group(1).split(",")) {
            all.addAll(expand(name.substring(0, m.start()) + alternative.trim() + name.substring(m.end())));
        }
        return all;
    }
}
