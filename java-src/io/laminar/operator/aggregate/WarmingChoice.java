package io.laminar.operator.aggregate;

/**
 * Decides, by measuring, whether an operator's batches are faster with warming (reading a run of rows' state
 * ahead, see {@link GroupAggregate}) or without. Warming pays when the rows' groups and distinct sets are not in
 * cache (q16: ten thousand channels) and costs about a seventh when they are (q15's one group, q17's recent
 * auctions); which holds depends on the data and can change as state grows, so no rule fixed in advance fits.
 *
 * <p>Every {@link #CYCLE} batches, the first {@code 2 * }{@link #TRIALS} alternate with and without warming and
 * are timed; the rest use whichever mode had the lower best time per row. The best rather than the sum because a
 * batch takes a fraction of a millisecond and one preemption of the thread would outweigh several of them. Results
 * do not depend on the choice (warming only reads), only speed does. Single-threaded, like its operator.
 */
final class WarmingChoice {
    /** Batches per decision. */
    static final int CYCLE = 128;
    /** Timed batches per mode at the start of each cycle. */
    static final int TRIALS = 8;

    private int batch;
    private boolean warming = true;
    private double bestWarm = Double.MAX_VALUE;
    private double bestCold = Double.MAX_VALUE;

    /** Whether the current batch warms. */
    boolean warms() {
        return timed() ? (batch & 1) == 0 : warming;
    }

    /** Whether the current batch is one of the cycle's timed trials ({@link #finish} then wants its time). */
    boolean timed() {
        return batch < 2 * TRIALS;
    }

    /** Ends the current batch, which took {@code nanos} (read only for a {@link #timed} batch) over {@code rows}. */
    void finish(long nanos, int rows) {
        if (timed()) {
            double perRow = (double) nanos / Math.max(1, rows);
            if (warms()) bestWarm = Math.min(bestWarm, perRow);
            else bestCold = Math.min(bestCold, perRow);
            if (batch == 2 * TRIALS - 1) {
                warming = bestWarm < bestCold;
                bestWarm = bestCold = Double.MAX_VALUE;
            }
        }
        if (++batch == CYCLE) batch = 0;
    }

    /** The mode batches outside the trials use now (for tests and diagnostics). */
    boolean warming() {
        return warming;
    }
}
