package io.laminar.operator.over;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.operator.aggregate.GroupAggregate;
import io.laminar.state.StateBackend;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour, not timing: once warm, an OVER window with bounded frames and a GROUP BY retracting a changelog of
 * numbers (MIN/MAX over the primitive multiset) allocate nothing per row (per-thread allocation counter around many
 * batches; a small tolerance covers the counter itself).
 */
class SteadyStateAllocationTest {
    static final Schema INPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("v", ColumnType.BIGINT),
            new Field("d", ColumnType.DOUBLE), new Field("ts", ColumnType.TIMESTAMP));

    static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        r.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }

    @Test void overWindowWithBoundedFramesAllocatesNothingPerRow() {
        Schema out = Schema.of(new Field("k", ColumnType.BIGINT), new Field("v", ColumnType.BIGINT),
                new Field("d", ColumnType.DOUBLE), new Field("ts", ColumnType.TIMESTAMP),
                new Field("rn", ColumnType.BIGINT), new Field("lag_v", ColumnType.BIGINT, true),
                new Field("sum_v", ColumnType.BIGINT, true), new Field("min_v", ColumnType.BIGINT, true),
                new Field("max_d", ColumnType.DOUBLE, true), new Field("n", ColumnType.BIGINT));
        OverWindow op = new OverWindow(INPUT, out, new int[] {0}, 3, List.of(
                OverCall.ranking(OverCall.Function.ROW_NUMBER),
                OverCall.shift(OverCall.Function.LAG, 1, 1, -1, null),
                OverCall.aggregate(new AggCallSpec("SUM", false, 1, -1, "sum_v"), 0),
                OverCall.aggregate(new AggCallSpec("MIN", false, 1, -1, "min_v"), 0),
                OverCall.aggregate(new AggCallSpec("MAX", false, 2, -1, "max_d"), 0),
                OverCall.aggregate(new AggCallSpec("COUNT", false, -1, -1, "n"), 1)),
                List.of(new OverFrame(true, 5), new OverFrame(false, 2_000)));
        Batch in = new Batch(INPUT, 256), o = new Batch(out, 4096);
        long[] time = {0};
        Runnable batches = () -> {
            for (int b = 0; b < 2_000; b++) {
                in.clear();
                for (int r = 0; r < 256; r++) {
                    int row = in.addRow(RowKind.INSERT);
                    in.setLong(0, row, r % 16);
                    in.setLong(1, row, (r * 7) % 50);
                    in.setDouble(2, row, r % 9);
                    in.setLong(3, row, time[0] + (r % 3) * 10); // small disorder
                    time[0] += 10;
                }
                o.clear();
                op.process(in, o);
                op.onWatermark(time[0] - 100, o);
            }
        };
        batches.run(); // warm: partitions, rings and buffers reach their steady size
        long allocated = allocatedBy(batches);
        assertTrue(o.size > 200, "rows are emitted: " + o.size);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 2000 batches of 256 rows");
    }

    @Test void retractingGroupByOverNumbersAllocatesNothingPerRow() {
        Schema out = Schema.of(new Field("k", ColumnType.BIGINT), new Field("n", ColumnType.BIGINT),
                new Field("s", ColumnType.BIGINT, true), new Field("lo", ColumnType.BIGINT, true),
                new Field("hi", ColumnType.DOUBLE, true));
        List<AggCallSpec> calls = List.of(new AggCallSpec("COUNT", false, -1, -1, "n"),
                new AggCallSpec("SUM", false, 1, -1, "s"), new AggCallSpec("MIN", false, 1, -1, "lo"),
                new AggCallSpec("MAX", false, 2, -1, "hi"));
        AggregateLayout layout = new AggregateLayout(new int[] {0}, new int[] {0}, INPUT, out);
        Aggregators aggs = new Aggregators(calls, INPUT, true);
        GroupAggregate op = new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "t", layout, aggs),
                EmitMode.CHANGES, 0);
        Batch in = new Batch(INPUT, 256), o = new Batch(out, 4096);
        // a changelog: each row is inserted and, one batch later, retracted; every group keeps a live row
        Runnable batches = () -> {
            for (int b = 0; b < 2_000; b++) {
                in.clear();
                for (int r = 0; r < 128; r++) {
                    int row = in.addRow(b % 2 == 0 ? RowKind.INSERT : RowKind.DELETE);
                    in.setLong(0, row, r % 32);
                    in.setLong(1, row, r);
                    in.setDouble(2, row, r * 0.5);
                    in.setLong(3, row, 0);
                }
                o.clear();
                op.process(in, o);
            }
        };
        in.clear();
        for (int k = 0; k < 32; k++) {
            int row = in.addRow(RowKind.INSERT);
            in.setLong(0, row, k);
            in.setLong(1, row, 1000 + k);
            in.setDouble(2, row, -1);
            in.setLong(3, row, 0);
        }
        op.process(in, o);
        batches.run();
        long allocated = allocatedBy(batches);
        assertEquals(32, op.stateSize(), "every group keeps its live row");
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 2000 batches of 128 rows");
    }
}
