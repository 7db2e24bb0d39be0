package io.laminar.operator.join;

/** Which unmatched rows a join keeps (padded with nulls on the other side). */
public enum JoinType {
    INNER(false, false), LEFT(true, false), RIGHT(false, true), FULL(true, true);

    public final boolean keepsLeft;
    public final boolean keepsRight;

    JoinType(boolean keepsLeft, boolean keepsRight) {
        this.keepsLeft = keepsLeft;
        this.keepsRight = keepsRight;
    }

    /** Whether unmatched rows of {@code side} (0 left, 1 right) are kept. */
    public boolean keeps(int side) { return side == 0 ? keepsLeft : keepsRight; }
}
