package io.laminar.bench;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line options of the bench commands: {@code --key value} or {@code --key=value}, bare switches, checked
 * against the command's known keys. Problems are {@link ErrorCode#BAD_OPTION} errors whose message ends in the
 * command's usage line.
 */
public final class Flags {
    private final Map<String, String> values;
    private final Function<String, LaminarException> usage;

    private Flags(Map<String, String> values, Function<String, LaminarException> usage) {
        this.values = values;
        this.usage = usage;
    }

    /**
     * Parses {@code argv}; {@code switches} take no value, every other key in {@code known} takes one.
     *
     * @param usage turns a problem into the exception to throw (naming the command's usage)
     */
    public static Flags parse(String[] argv, Set<String> known, Set<String> switches,
                              Function<String, LaminarException> usage) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) throw usage.apply("unexpected argument '" + a + "'");
            String key = a.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (!known.contains(key)) throw usage.apply("unknown option --" + key);
            if (value == null) {
                if (switches.contains(key)) {
                    value = "true";
                } else {
                    if (i + 1 >= argv.length) throw usage.apply("--" + key + " needs a value");
                    value = argv[++i];
                }
            }
            m.put(key, value);
        }
        return new Flags(m, usage);
    }

    public boolean has(String key) { return values.containsKey(key); }

    public String get(String key, String dflt) { return values.getOrDefault(key, dflt); }

    public String get(String key) { return values.get(key); }

    /** A positive whole number ({@code 1_000_000} accepted), or {@code dflt} when absent. */
    public long positive(String key, long dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw usage.apply("--" + key + " must be a positive whole number (got '" + v + "')");
    }
}
