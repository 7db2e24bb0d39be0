package io.laminar.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed {@code --name value} options (flags: {@code --quiet}) and positional arguments. */
record Args(Map<String, String> options, List<String> positional) {
    private static final Set<String> FLAGS = Set.of("quiet");

    static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }

    static Args parse(String[] args, String... known) {
        Set<String> allowed = Set.of(known);
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!allowed.contains(name)) throw new UsageException("unknown option --" + name);
            if (FLAGS.contains(name)) {
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) throw new UsageException("--" + name + " needs a value");
                value = args[++i];
            }
            options.put(name, value);
        }
        return new Args(options, positional);
    }

    boolean flag(String name) { return options.containsKey(name); }

    /** A positive integer option, or {@code defaultValue}. */
    long number(String name, long defaultValue) {
        String v = options.get(name);
        if (v == null) return defaultValue;
        try {
            long n = Long.parseLong(v);
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " wants a non-negative whole number, got '" + v + "'");
    }

    /** A {@link io.laminar.Config} with the {@code --cores} and {@code --dir} options applied. */
    io.laminar.Config config() {
        io.laminar.Config c = new io.laminar.Config();
        if (options.containsKey("cores")) c.cores((int) number("cores", 1));
        if (options.containsKey("dir")) c.directory(java.nio.file.Path.of(options.get("dir")).toAbsolutePath());
        return c;
    }
}
