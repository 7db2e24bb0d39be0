package io.laminar.sql;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses {@code OVER (w ROWS BETWEEN ...)} — a frame added to a named window — before validation: Calcite keeps
 * the named window's frame and silently drops the added one, which would give wrong results without a word.
 */
final class OverWindowCheck extends SqlBasicVisitor<Void> {
    private OverWindowCheck() {}

    static void check(SqlNode query) {
        query.accept(new OverWindowCheck());
    }

    @Override public Void visit(SqlCall call) {
        if (call instanceof SqlWindow w && w.getRefName() != null
                && (w.getLowerBound() != null || w.getUpperBound() != null)) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER (" + w.getRefName() + " ROWS/RANGE ...) adds a "
                    + "frame to the named window " + w.getRefName() + ", which is not supported; declare the frame in "
                    + "the WINDOW clause (WINDOW w3 AS (PARTITION BY ... ORDER BY ts ROWS BETWEEN 3 PRECEDING AND "
                    + "CURRENT ROW)) or write the whole window inline");
        }
        return super.visit(call);
    }
}
