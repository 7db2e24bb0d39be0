package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.operator.window.WindowAggregate;
import io.laminar.operator.window.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processing-time windows with a clock the test controls: rows fall into the window of the time they reach the
 * operator (whatever their column said), windows fire when the clock passes their end, event-time watermarks are
 * ignored except the final one.
 */
class ProcessingTimeWindowsTest {
    static final Schema INPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("pt", ColumnType.TIMESTAMP));
    static final Schema OUTPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("window_start", ColumnType.TIMESTAMP),
            new Field("n", ColumnType.BIGINT));

    @Test void theClockAssignsAndFiresWindows() {
        long[] clock = {500};
        AggregateLayout layout = new AggregateLayout(new int[] {0, AggregateLayout.WINDOW_START}, new int[] {0}, INPUT, OUTPUT);
        List<AggCallSpec> calls = List.of(new AggCallSpec("COUNT", false, -1, -1, "n"));
        ProcessingTimeWindows op = new ProcessingTimeWindows(new WindowAggregate(layout, new Aggregators(calls, INPUT),
                WindowSpec.tumble(1000, 0), 1, 0, EmitMode.ON_WINDOW_CLOSE, 0), 1, 100, () -> clock[0]);
        Batch out = new Batch(OUTPUT, 8);
        op.process(rows(1, 1, 2), out);           // at 500: window [0, 1000), whatever pt said (-5 s)
        op.onWatermark(50_000, out);              // event time is not processing time
        op.onProcessingTime(999, out);
        assertEquals(List.of(), rendered(out));
        clock[0] = 1200;
        op.process(rows(1), out);                 // at 1200: window [1000, 2000)
        op.onProcessingTime(1200, out);
        assertEquals(List.of("1 0 2", "2 0 1"), rendered(out));
        out.clear();
        clock[0] = 1100;                          // the wall clock was set back: processing time does not go back
        op.process(rows(2), out);
        op.onWatermark(Long.MAX_VALUE, out);      // the input ended: what is open fires
        assertEquals(List.of("1 1000 1", "2 1000 1"), rendered(out));
    }

    private static Batch rows(long... keys) {
        Batch in = new Batch(INPUT, keys.length);
        for (long k : keys) {
            int r = in.addRow(RowKind.INSERT);
            in.setLong(0, r, k);
            in.setLong(1, r, -5_000);
        }
        return in;
    }

    private static List<String> rendered(Batch out) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < out.size; r++) rows.add(out.getLong(0, r) + " " + out.getLong(1, r) + " " + out.getLong(2, r));
        rows.sort(null);
        return rows;
    }
}
