package io.laminar.sql.ddl;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The EMIT clause of a STREAM or MATERIALIZED VIEW (DESIGN.md §3 gives the semantics of each mode). */
public final class SqlEmit {
    public enum Mode {
        /** {@code EMIT ON WINDOW CLOSE}: one final row per window, after allowed lateness. */
        ON_WINDOW_CLOSE,
        /** {@code EMIT FINAL}: as ON_WINDOW_CLOSE with zero lateness. */
        FINAL,
        /** {@code EMIT CHANGES}: a changelog of result rows. */
        CHANGES,
        /** {@code EMIT EVERY interval}: periodic early firings, then the final row. */
        EVERY
    }

    public final Mode mode;
    /** The interval literal of {@code EMIT EVERY}, else null. */
    public final SqlNode every;
    public final SqlParserPos pos;

    public SqlEmit(SqlParserPos pos, Mode mode, SqlNode every) {
        this.pos = pos;
        this.mode = mode;
        this.every = every;
    }

    void unparse(SqlWriter writer) {
        writer.keyword("EMIT");
        switch (mode) {
            case ON_WINDOW_CLOSE -> writer.keyword("ON WINDOW CLOSE");
            case FINAL -> writer.keyword("FINAL");
            case CHANGES -> writer.keyword("CHANGES");
            case EVERY -> {
                writer.keyword("EVERY");
                every.unparse(writer, 0, 0);
            }
        }
    }

    @Override public String toString() {
        return "EMIT " + (mode == Mode.EVERY ? "EVERY " + Unparsing.toSql(every) : mode.name().replace('_', ' '));
    }
}
