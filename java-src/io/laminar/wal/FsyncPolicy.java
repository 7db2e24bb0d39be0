package io.laminar.wal;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.util.Locale;

/**
 * When WAL appends reach the disk, and so what an acknowledged write survives.
 *
 * <table>
 *   <caption>Acknowledgement contract</caption>
 *   <tr><th>policy</th><th>before a write is acknowledged</th><th>survives a process crash</th><th>survives power loss</th></tr>
 *   <tr><td>{@code none}</td><td>handed to the OS (write(2))</td><td>yes</td><td>no — whatever the OS had not flushed</td></tr>
 *   <tr><td>{@code batch}</td><td>fsynced; concurrent writers share one fsync (group commit)</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@code interval} (N ms)</td><td>handed to the OS; a background thread fsyncs every N ms</td><td>yes</td><td>all but the last N ms</td></tr>
 * </table>
 *
 * Checkpoints and close always fsync, whatever the policy.
 */
public record FsyncPolicy(Kind kind, long intervalMillis) {
    public enum Kind { NONE, BATCH, INTERVAL }

    public static final FsyncPolicy NONE = new FsyncPolicy(Kind.NONE, 0);
    public static final FsyncPolicy BATCH = new FsyncPolicy(Kind.BATCH, 0);

    public static FsyncPolicy interval(long millis) {
        if (millis <= 0) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "fsync interval must be a positive number of milliseconds, got " + millis);
        }
        return new FsyncPolicy(Kind.INTERVAL, millis);
    }

    /** Parses {@code none}, {@code batch}, {@code interval}, {@code interval(50)} / {@code 50ms}. */
    public static FsyncPolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) return NONE;
        if (t.equals("batch")) return BATCH;
        if (t.equals("interval")) return interval(100);
        if (t.startsWith("interval(") && t.endsWith(")")) t = t.substring(9, t.length() - 1).trim();
        try {
            return interval(io.laminar.checkpoint.Durations.parseMillis(t));
        } catch (LaminarException e) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "unknown fsync policy '" + text
                    + "': use none, batch, or interval(<millis>) such as interval(50)");
        }
    }

    @Override public String toString() {
        return kind == Kind.INTERVAL ? "interval(" + intervalMillis + "ms)" : kind.name().toLowerCase(Locale.ROOT);
    }
}
