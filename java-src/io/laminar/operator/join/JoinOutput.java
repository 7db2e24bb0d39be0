package io.laminar.operator.join;

import io.laminar.data.Batch;

/** Writes joined rows: the left row's columns then the right row's, either side possibly all nulls. */
final class JoinOutput {
    private final int leftWidth;
    private final int rightWidth;

    JoinOutput(int leftWidth, int rightWidth) {
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
    }

    /** {@code left}/{@code right} null means that side is padded with nulls. */
    void write(Batch out, byte kind, Batch left, int l, Batch right, int r) {
        int o = out.addRow(kind);
        for (int c = 0; c < leftWidth; c++) {
            if (left == null) out.setNull(c, o);
            else out.copyValue(c, o, left, c, l);
        }
        for (int c = 0; c < rightWidth; c++) {
            if (right == null) out.setNull(leftWidth + c, o);
            else out.copyValue(leftWidth + c, o, right, c, r);
        }
    }

    /** Writes a pair given as (this side's row, other side's row) in the right column order. */
    void writeSided(Batch out, byte kind, int side, Batch mine, int m, Batch other, int o) {
        if (side == JoinOperator.LEFT) write(out, kind, mine, m, other, o);
        else write(out, kind, other, o, mine, m);
    }
}
