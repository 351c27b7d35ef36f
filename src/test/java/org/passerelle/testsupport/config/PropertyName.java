package org.passerelle.testsupport.config;

import java.util.Arrays;
import java.util.List;

/**
 * A property name in the notation shared by the README and the inventory of existing properties:
 * dot-separated segments, {@code <name>} for any map key, {@code [i]} for any list index, and a trailing
 * {@code .*} for "every property under this prefix".
 */
public record PropertyName(String text) implements Comparable<PropertyName> {

    public static final String ANY_KEY = "<key>";
    public static final String ANY_INDEX = "[i]";

    public boolean isPrefixWildcard() {
        return text.endsWith(".*");
    }

    public boolean isEnvironmentVariable() {
        return text.matches("[A-Z][A-Z0-9_]*");
    }

    /** The name without a trailing {@code .*}. */
    public PropertyName prefix() {
        return isPrefixWildcard() ? new PropertyName(text.substring(0, text.length() - 2)) : this;
    }

    List<String> segments() {
        // users[i].roles -> users, [i], roles
        return Arrays.stream(prefix().text.replace("[", ".[").split("\\.")).filter(s -> !s.isEmpty()).toList();
    }

    /** Same name, a map key placeholder on either side matching any one key. */
    public boolean matches(PropertyName other) {
        List<String> mine = segments();
        List<String> theirs = other.segments();
        return mine.size() == theirs.size() && startsWith(theirs, mine);
    }

    /** True when {@code other} is strictly under this name (this name taken as a prefix). */
    public boolean isStrictlyAbove(PropertyName other) {
        List<String> mine = segments();
        List<String> theirs = other.segments();
        return theirs.size() > mine.size() && startsWith(theirs, mine);
    }

    private static boolean startsWith(List<String> longer, List<String> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (!segmentMatches(prefix.get(i), longer.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentMatches(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        boolean aIndex = a.startsWith("[");
        boolean bIndex = b.startsWith("[");
        if (aIndex || bIndex) {
            return aIndex && bIndex; // [i] and [0] are both list indexes
        }
        return isKeyPlaceholder(a) || isKeyPlaceholder(b);
    }

    private static boolean isKeyPlaceholder(String segment) {
        return segment.startsWith("<") && segment.endsWith(">");
    }

    @Override
    public int compareTo(PropertyName o) {
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
