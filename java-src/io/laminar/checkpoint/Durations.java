package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.util.Locale;

/** Parses durations as settings give them: {@code 200ms}, {@code 5s}, {@code 1min}, {@code 2 s}, or plain millis. */
public final class Durations {
    private Durations() {}

    public static long parseMillis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        String digits = t;
        if (t.endsWith("ms")) digits = t.substring(0, t.length() - 2);
        else if (t.endsWith("min")) { digits = t.substring(0, t.length() - 3); unit = 60_000; }
        else if (t.endsWith("s")) { digits = t.substring(0, t.length() - 1); unit = 1000; }
        else if (t.endsWith("m")) { digits = t.substring(0, t.length() - 1); unit = 60_000; }
        try {
            long v = Long.parseLong(digits);
            if (v < 0) throw new NumberFormatException();
            return v * unit;
        } catch (NumberFormatException e) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "'" + text + "' is not a duration; write e.g. '200ms', '5s' or '1min'");
        }
    }
}
