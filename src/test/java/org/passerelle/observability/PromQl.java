package org.passerelle.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors of a PromQL expression (a Grafana query may hold {@code $variables}): each metric name
 * with its label matchers. A small tokenizer, not a full parser: an identifier followed by {@code (} is a
 * function or aggregation (it must be one PromQL knows); the label lists after {@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left} and {@code group_right} are skipped; so are strings outside
 * braces, numbers, durations, {@code [ranges]}, operators and keywords. Every other identifier is a metric name.
 */
final class PromQl {

    record LabelMatcher(String label, String op, String value) {
        boolean usesVariable() {
            return value.contains("$");
        }

        /** The values a regex matcher names when it is a plain alternation (a|b|c), else empty. */
        List<String> literalValues() {
            if (op.equals("=") || op.equals("!=")) {
                return List.of(value);
            }
            return value.matches("[A-Za-z0-9_\\-/|]*") ? List.of(value.split("\\|")) : List.of();
        }
    }

    record Selector(String metric, List<LabelMatcher> matchers) {
    }

    static final Set<String> FUNCTIONS = Set.of(
            // aggregations
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
            // functions
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_count",
            "histogram_sum", "histogram_fraction", "histogram_quantile", "holt_winters", "hour", "idelta", "increase",
            "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
            "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sqrt", "time", "timestamp", "vector", "year",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time",
            "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi", "start", "end");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");

    private final String text;
    private int pos;

    private PromQl(String text) {
        this.text = text;
    }

    /** The selectors of {@code expr}; throws IllegalArgumentException for what this tokenizer cannot read. */
    static List<Selector> selectors(String expr) {
        return new PromQl(expr).read();
    }

    /** Grafana's {@code label_values(selector, label)}: the selector's expression and the label; null if not that form. */
    static String[] labelValuesQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    private List<Selector> read() {
        List<Selector> found = new ArrayList<>();
        while (skipSpace()) {
            char c = text.charAt(pos);
            if (isIdentifierStart(c)) {
                String word = identifier();
                String lower = word.toLowerCase(Locale.ROOT);
                boolean call = skipSpace() && (text.charAt(pos) == '(' || AGGREGATIONS.contains(word) && groupingFollows());
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (call) {
                        skipPast(')');
                    }
                } else if (KEYWORDS.contains(lower)) {
                    continue; // an operator or modifier; what follows is read on the next turn
                } else if (call) {
                    if (!FUNCTIONS.contains(word)) {
                        throw new IllegalArgumentException("unknown function " + word + " in: " + text);
                    }
                } else {
                    found.add(new Selector(word, skipSpace() && text.charAt(pos) == '{' ? matchers() : List.of()));
                }
            } else if (c == '{') {
                List<LabelMatcher> matchers = matchers();
                String name = matchers.stream().filter(m -> m.label().equals("__name__") && m.op().equals("="))
                        .map(LabelMatcher::value).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("selector without a metric name in: " + text));
                found.add(new Selector(name, matchers.stream().filter(m -> !m.label().equals("__name__")).toList()));
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '$') {
                variable();
            } else if (Character.isDigit(c) || c == '.') {
                number();
            } else if ("()+-*/%^=!<>,@".indexOf(c) >= 0) {
                pos++;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + pos + " in: " + text);
            }
        }
        return found;
    }

    /** {@code sum by (a) (x)}: the aggregation's grouping comes before its argument. */
    private boolean groupingFollows() {
        int at = pos;
        String next = isIdentifierStart(text.charAt(pos)) ? identifier().toLowerCase(Locale.ROOT) : "";
        pos = at;
        return next.equals("by") || next.equals("without");
    }

    private List<LabelMatcher> matchers() {
        pos++; // {
        List<LabelMatcher> matchers = new ArrayList<>();
        while (true) {
            if (!skipSpace()) {
                throw new IllegalArgumentException("unclosed { in: " + text);
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return matchers;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            if (!isIdentifierStart(c)) {
                throw new IllegalArgumentException("label name expected at " + pos + " in: " + text);
            }
            String label = identifier();
            skipSpace();
            String op = operator();
            skipSpace();
            matchers.add(new LabelMatcher(label, op, string()));
        }
    }

    private String operator() {
        for (String op : List.of("=~", "!~", "!=", "=")) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw new IllegalArgumentException("matcher operator expected at " + pos + " in: " + text);
    }

    private String string() {
        char quote = text.charAt(pos);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw new IllegalArgumentException("string expected at " + pos + " in: " + text);
        }
        StringBuilder value = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                return value.toString();
            }
            if (c == '\\' && quote != '`' && pos + 1 < text.length()) {
                c = text.charAt(++pos);
            }
            value.append(c);
        }
        throw new IllegalArgumentException("unclosed string in: " + text);
    }

    private void variable() {
        pos++; // $
        if (pos < text.length() && text.charAt(pos) == '{') {
            skipPast('}');
        } else {
            identifier();
        }
    }

    private void number() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
                    && Character.isDigit(text.charAt(pos - 2));
            if (!Character.isLetterOrDigit(c) && c != '.' && !exponentSign) {
                return;
            }
            pos++;
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (isIdentifierStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipPast(char close) {
        int end = text.indexOf(close, pos);
        if (end < 0) {
            throw new IllegalArgumentException("no " + close + " after " + pos + " in: " + text);
        }
        pos = end + 1;
    }

    /** False at the end of the text. */
    private boolean skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length();
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
