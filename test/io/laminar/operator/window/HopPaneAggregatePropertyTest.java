package io.laminar.operator.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.state.StateBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HopPaneAggregate} against {@link WindowAggregate} (one state per window, the reference) on random streams:
 * out-of-order and late rows, rows without a time, NULL arguments, FILTERs, watermarks jumping over empty windows,
 * allowed lateness, offsets — after every watermark both must have emitted the same multiset of rows and dropped the
 * same rows, and a checkpoint of either restores into the other mid-stream with the same results after.
 */
class HopPaneAggregatePropertyTest {
    private static final Schema INPUT = Schema.of(new Field("k", ColumnType.BIGINT, true, 0, 0),
            new Field("ts", ColumnType.TIMESTAMP, true, 0, 0), new Field("v", ColumnType.BIGINT, true, 0, 0),
            new Field("f", ColumnType.BOOLEAN, true, 0, 0));
    private static final Schema OUTPUT = Schema.of(new Field("k", ColumnType.BIGINT, true, 0, 0),
            new Field("window_start", ColumnType.TIMESTAMP), new Field("window_end", ColumnType.TIMESTAMP),
            new Field("n", ColumnType.BIGINT), new Field("nf", ColumnType.BIGINT), new Field("s", ColumnType.BIGINT, true, 0, 0),
            new Field("lo", ColumnType.BIGINT, true, 0, 0), new Field("hi", ColumnType.BIGINT, true, 0, 0),
            new Field("d", ColumnType.BIGINT), new Field("df", ColumnType.BIGINT));
    private static final List<AggCallSpec> CALLS = List.of(new AggCallSpec("COUNT", false, -1, -1, "n"),
            new AggCallSpec("COUNT", false, -1, 3, "nf"), new AggCallSpec("SUM", false, 2, -1, "s"),
            new AggCallSpec("MIN", false, 2, -1, "lo"), new AggCallSpec("MAX", false, 2, -1, "hi"),
            new AggCallSpec("COUNT", true, 2, -1, "d"), new AggCallSpec("COUNT", true, 2, 3, "df"));
    private static final AggregateLayout LAYOUT = new AggregateLayout(
            new int[] {0, AggregateLayout.WINDOW_START, AggregateLayout.WINDOW_END}, new int[] {0}, INPUT, OUTPUT);

    private static StreamOperator panes(WindowSpec w, long lateness, EmitMode emit) {
        StreamOperator op = WindowAggregate.create(LAYOUT, new Aggregators(CALLS, INPUT), w, 1, lateness, emit, 0,
                StateBackend.HEAP, "panes");
        return assertInstanceOf(HopPaneAggregate.class, op);
    }

    private static StreamOperator reference(WindowSpec w, long lateness, EmitMode emit) {
        return new WindowAggregate(LAYOUT, new Aggregators(CALLS, INPUT), w, 1, lateness, emit, 0);
    }

    @Test void panesEmitWhatPerWindowStateEmits() throws IOException {
        Random rnd = new Random(20250611);
        for (int run = 0; run < 300; run++) {
            long slide = 1 + rnd.nextInt(20);
            long size = slide * (2 + rnd.nextInt(6));
            long offset = rnd.nextInt(3) == 0 ? rnd.nextInt((int) slide) : 0;
            long lateness = rnd.nextBoolean() ? 0 : rnd.nextInt((int) size * 2);
            EmitMode emit = rnd.nextInt(4) == 0 ? EmitMode.FINAL : EmitMode.ON_WINDOW_CLOSE;
            WindowSpec w = WindowSpec.hop(slide, size, offset);
            String what = "run " + run + ": " + w.sql("ts") + " lateness " + lateness + " " + emit;
            StreamOperator a = panes(w, lateness, emit), b = reference(w, lateness, emit);
            int checkpointAt = rnd.nextInt(40);
            long time = rnd.nextInt(1000) - 500, watermark = Long.MIN_VALUE;
            for (int step = 0; step < 40; step++) {
                Batch in = randomRows(rnd, time, size);
                Batch outA = new Batch(OUTPUT, 4), outB = new Batch(OUTPUT, 4);
                a.process(in, outA);
                b.process(in, outB);
                time += rnd.nextInt((int) size * 2);
                if (rnd.nextInt(6) == 0) time += rnd.nextInt(10) * size; // a gap: windows without rows between
                if (rnd.nextInt(3) > 0) watermark = Math.max(watermark, time - rnd.nextInt((int) size));
                if (step == 39) watermark = Long.MAX_VALUE;
                a.onWatermark(watermark, outA);
                b.onWatermark(watermark, outB);
                assertEquals(multiset(outB), multiset(outA), what + ", step " + step);
                assertEquals(b.lateRowsDropped(), a.lateRowsDropped(), what + ", late rows at step " + step);
                if (step == checkpointAt) {
                    // each restores the other's checkpoint and carries on: the layouts are one
                    byte[] fromPanes = snapshot(a), fromReference = snapshot(b);
                    a = panes(w, lateness, emit);
                    b = reference(w, lateness, emit);
                    restore(a, fromReference);
                    restore(b, fromPanes);
                }
            }
            assertEquals(0, a.stateSize(), what + ": every pane evicted by the final watermark");
        }
    }

    @Test void onlyExactCasesUsePanes() {
        Aggregators counts = new Aggregators(CALLS, INPUT);
        assertTrue(HopPaneAggregate.applies(counts, WindowSpec.hop(2, 10, 0), EmitMode.ON_WINDOW_CLOSE, true));
        assertFalse(HopPaneAggregate.applies(counts, WindowSpec.hop(3, 10, 0), EmitMode.ON_WINDOW_CLOSE, true),
                "size not a multiple of the slide");
        assertFalse(HopPaneAggregate.applies(counts, WindowSpec.hop(2, 10, 0), EmitMode.CHANGES, true), "EMIT CHANGES");
        assertFalse(HopPaneAggregate.applies(counts, WindowSpec.hop(2, 10, 0), EmitMode.ON_WINDOW_CLOSE, false), "RocksDB");
        assertFalse(HopPaneAggregate.applies(counts, WindowSpec.tumble(10, 0), EmitMode.ON_WINDOW_CLOSE, true), "TUMBLE");
        Aggregators first = new Aggregators(List.of(new AggCallSpec("FIRST_VALUE", false, 2, -1, "x")), INPUT);
        assertFalse(HopPaneAggregate.applies(first, WindowSpec.hop(2, 10, 0), EmitMode.ON_WINDOW_CLOSE, true),
                "FIRST_VALUE depends on arrival order, which panes do not keep");
    }

    private static Batch randomRows(Random rnd, long time, long size) {
        Batch in = new Batch(INPUT, 16);
        int n = rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            int r = in.addRow(RowKind.INSERT);
            if (rnd.nextInt(10) == 0) in.setNull(0, r); else in.setLong(0, r, rnd.nextInt(5));
            // mostly near the front, some far behind (late) or ahead
            if (rnd.nextInt(40) == 0) in.setNull(1, r);
            else in.setLong(1, r, time + rnd.nextInt((int) size * 3) - 2 * size);
            if (rnd.nextInt(8) == 0) in.setNull(2, r); else in.setLong(2, r, rnd.nextInt(50) - 10);
            if (rnd.nextInt(8) == 0) in.setNull(3, r); else in.setLong(3, r, rnd.nextInt(2));
        }
        return in;
    }

    private static Map<List<Object>, Integer> multiset(Batch out) {
        Map<List<Object>, Integer> m = new HashMap<>();
        for (int r = 0; r < out.size; r++) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(out.row(r)));
            row.add(out.ops[r]);
            m.merge(row, 1, Integer::sum);
        }
        return m;
    }

    private static byte[] snapshot(StreamOperator op) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            op.snapshot(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(StreamOperator op, byte[] snapshot) throws IOException {
        op.restore(new DataInputStream(new ByteArrayInputStream(snapshot)));
    }
}
