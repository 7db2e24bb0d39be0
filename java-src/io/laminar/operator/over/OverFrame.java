package io.laminar.operator.over;

/**
 * The frame of an aggregate OVER window, always ending at the current row: {@code ROWS BETWEEN n PRECEDING AND
 * CURRENT ROW} ({@code rows}, {@code preceding = n}), {@code RANGE BETWEEN INTERVAL ... PRECEDING AND CURRENT ROW}
 * ({@code preceding} in milliseconds) or either with {@code UNBOUNDED PRECEDING} ({@code preceding =}
 * {@link #UNBOUNDED}). A RANGE frame includes the current row's peers (rows of the same time).
 */
public record OverFrame(boolean rows, long preceding) {
    public static final long UNBOUNDED = -1;

    public OverFrame {
        if (preceding < UNBOUNDED) throw new IllegalArgumentException("negative frame bound " + preceding);
    }

    public boolean bounded() { return preceding != UNBOUNDED; }

    /** The frame as SQL, for EXPLAIN. */
    public String sql() {
        String lower = !bounded() ? "UNBOUNDED" : rows ? Long.toString(preceding) : "INTERVAL '" + preceding + "' MILLISECOND";
        return (rows ? "ROWS" : "RANGE") + " BETWEEN " + lower + " PRECEDING AND CURRENT ROW";
    }
}
