package io.laminar.operator.window;

/**
 * A window definition: kind and sizes in milliseconds. Windows are half-open {@code [start, end)} and aligned to
 * the epoch plus {@code offset}.
 *
 * @param size   TUMBLE/HOP/CUMULATE: window length; SESSION: the gap
 * @param slide  HOP: the slide; CUMULATE: the step; otherwise equal to size
 */
public record WindowSpec(Kind kind, long size, long slide, long offset) {
    public enum Kind { TUMBLE, HOP, SESSION, CUMULATE }

    public static WindowSpec tumble(long size, long offset) { return new WindowSpec(Kind.TUMBLE, size, size, offset); }
    public static WindowSpec hop(long slide, long size, long offset) { return new WindowSpec(Kind.HOP, size, slide, offset); }
    public static WindowSpec session(long gap) { return new WindowSpec(Kind.SESSION, gap, gap, 0); }
    public static WindowSpec cumulate(long step, long size, long offset) { return new WindowSpec(Kind.CUMULATE, size, step, offset); }

    /** The start of the latest window of length {@code period} (aligned by offset) containing {@code ts}. */
    public static long alignedStart(long ts, long period, long offset) {
        return Math.floorDiv(ts - offset, period) * period + offset;
    }

    /** The start of the window ending at {@code end} (not for sessions). */
    public long startOf(long end) {
        return switch (kind) {
            case TUMBLE, HOP -> end - size;
            case CUMULATE -> alignedStart(end - 1, size, offset);
            case SESSION -> throw new IllegalStateException("session windows have no fixed length");
        };
    }

    /**
     * Ends of every window containing {@code ts}, written to {@code ends}; returns how many. {@code ends} must hold
     * {@link #maxWindowsPerRow()} values.
     */
    public int windowEnds(long ts, long[] ends) {
        switch (kind) {
            case TUMBLE: {
                ends[0] = alignedStart(ts, size, offset) + size;
                return 1;
            }
            case HOP: {
                int n = 0;
                for (long start = alignedStart(ts, slide, offset); start > ts - size; start -= slide) {
                    ends[n++] = start + size;
                }
                return n;
            }
            case CUMULATE: {
                long start = alignedStart(ts, size, offset);
                long windowEnd = start + size;
                int n = 0;
                for (long end = alignedStart(ts, slide, offset) + slide; end <= windowEnd; end += slide) {
                    ends[n++] = end;
                }
                return n;
            }
            default:
                throw new IllegalStateException("session windows are assigned by merging");
        }
    }

    public int maxWindowsPerRow() {
        return switch (kind) {
            case TUMBLE, SESSION -> 1;
            case HOP -> (int) ((size + slide - 1) / slide);
            case CUMULATE -> (int) ((size + slide - 1) / slide);
        };
    }

    public String sql(String timeColumn) {
        String off = offset != 0 ? ", INTERVAL '" + offset + "' MILLISECOND" : "";
        return switch (kind) {
            case TUMBLE -> "TUMBLE(" + timeColumn + ", " + size + "ms" + off + ")";
            case HOP -> "HOP(" + timeColumn + ", slide " + slide + "ms, size " + size + "ms" + off + ")";
            case SESSION -> "SESSION(" + timeColumn + ", gap " + size + "ms)";
            case CUMULATE -> "CUMULATE(" + timeColumn + ", step " + slide + "ms, size " + size + "ms" + off + ")";
        };
    }
}
