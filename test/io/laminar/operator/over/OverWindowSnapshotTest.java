package io.laminar.operator.over;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of an OVER window taken at any point — rows waiting for the watermark, partial frames, LEAD rows
 * held back — restores into an operator that continues exactly as the uninterrupted one.
 */
class OverWindowSnapshotTest {
    static final Schema INPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("v", ColumnType.BIGINT),
            new Field("s", ColumnType.VARCHAR), new Field("ts", ColumnType.TIMESTAMP));
    static final Schema OUTPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("v", ColumnType.BIGINT),
            new Field("s", ColumnType.VARCHAR), new Field("ts", ColumnType.TIMESTAMP),
            new Field("rn", ColumnType.BIGINT), new Field("lead_s", ColumnType.VARCHAR, true),
            new Field("lag_v", ColumnType.BIGINT, true), new Field("max_v", ColumnType.BIGINT, true),
            new Field("last_s", ColumnType.VARCHAR, true), new Field("n_range", ColumnType.BIGINT));

    static OverWindow newOperator() {
        return new OverWindow(INPUT, OUTPUT, new int[] {0}, 3, List.of(
                OverCall.ranking(OverCall.Function.ROW_NUMBER),
                OverCall.shift(OverCall.Function.LEAD, 2, 2, -1, null),
                OverCall.shift(OverCall.Function.LAG, 1, 1, -1, null),
                OverCall.aggregate(new AggCallSpec("MAX", false, 1, -1, "max_v"), 0),
                OverCall.aggregate(new AggCallSpec("LAST_VALUE", false, 2, -1, "last_s"), 0),
                OverCall.aggregate(new AggCallSpec("COUNT", false, -1, -1, "n_range"), 1)),
                List.of(new OverFrame(true, 2), new OverFrame(false, 3_000)));
    }

    @Test void restoredOperatorContinuesLikeTheUninterruptedOne() throws IOException {
        Random rnd = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new Object[] {(long) rnd.nextInt(3), (long) rnd.nextInt(100), "s" + i, (long) (i * 400 + rnd.nextInt(900))});
        }
        List<String> reference = run(rows, -1);
        assertEquals(200, reference.size());
        for (int cut : new int[] {1, 17, 64, 150}) {
            assertEquals(reference, run(rows, cut), "snapshot after row " + cut);
        }
    }

    /** Feeds rows one by one with a watermark 1 s behind the latest time; snapshots and restores after {@code cut}. */
    private static List<String> run(List<Object[]> rows, int cut) throws IOException {
        OverWindow op = newOperator();
        Batch in = new Batch(INPUT, 1), out = new Batch(OUTPUT, 8);
        List<String> emitted = new ArrayList<>();
        long max = Long.MIN_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            in.clear();
            int r = in.addRow(RowKind.INSERT);
            Object[] row = rows.get(i);
            in.setLong(0, r, (Long) row[0]);
            in.setLong(1, r, (Long) row[1]);
            in.setObject(2, r, row[2]);
            in.setLong(3, r, (Long) row[3]);
            max = Math.max(max, (Long) row[3]);
            out.clear();
            op.process(in, out);
            op.onWatermark(max - 1000, out);
            collect(out, emitted);
            if (i == cut) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                op.snapshot(new DataOutputStream(bytes));
                op = newOperator();
                op.restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            }
        }
        out.clear();
        op.onWatermark(Long.MAX_VALUE, out);
        collect(out, emitted);
        assertTrue(op.stateSize() <= 3, "after the end only the partitions remain");
        return emitted;
    }

    private static void collect(Batch out, List<String> emitted) {
        for (int r = 0; r < out.size; r++) emitted.add(Arrays.toString(out.row(r)));
    }
}
