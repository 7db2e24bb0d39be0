package io.laminar.connector;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connector options ({@code path = '...'}, {@code 'csv.header' = 'true'}), keys lower-cased, with typed getters whose
 * errors name the object, the option and what was expected.
 */
public final class Options {
    private final String objectName;
    private final Map<String, String> values;

    public Options(String objectName, Map<String, String> values) {
        this.objectName = objectName;
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        this.values = Collections.unmodifiableMap(m);
    }

    public String objectName() { return objectName; }
    public Map<String, String> asMap() { return values; }
    public boolean has(String key) { return values.containsKey(key); }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public String required(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw bad(key, null, "is required");
        }
        return v;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) return defaultValue;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw bad(key, v, "must be 'true' or 'false'");
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) return defaultValue;
        try {
            return Long.parseLong(v.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a whole number");
        }
    }

    /** A single character such as a CSV delimiter; accepts {@code \t} for tab. */
    public char getChar(String key, char defaultValue) {
        String v = values.get(key);
        if (v == null) return defaultValue;
        if (v.equals("\\t")) return '\t';
        if (v.length() != 1) throw bad(key, v, "must be a single character");
        return v.charAt(0);
    }

    /** Rejects keys that are neither in {@code known} nor generic ({@code connector}, {@code format}). */
    public void checkKnown(String connector, Set<String> known) {
        for (String key : values.keySet()) {
            if (key.equals("connector") || key.equals("format") || known.contains(key)) continue;
            java.util.Set<String> candidates = new java.util.TreeSet<>(known);
            candidates.add("format");
            String hint = closest(key, candidates);
            throw new ConnectorException(ErrorCode.BAD_OPTION, "unknown option '" + key + "' for connector " + connector
                    + " in " + objectName + (hint != null ? "; did you mean '" + hint + "'?" : "; known options: " + known),
                    Map.of("object", objectName, "option", key), null);
        }
    }

    public ConnectorException bad(String key, String value, String what) {
        return new ConnectorException(ErrorCode.BAD_OPTION, "option '" + key + "' of " + objectName + " " + what
                + (value != null ? " (got '" + value + "')" : ""), Map.of("object", objectName, "option", key), null);
    }

    /** The known word nearest to {@code word} by edit distance, if it is close enough to be a typo. */
    public static String closest(String word, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    @Override public String toString() { return values.toString(); }
}
