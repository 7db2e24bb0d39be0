package io.laminar.operator.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The retractable top-N against brute force: random changelogs (inserts, and retractions of live rows) per
 * partition; the operator's output, applied as a changelog, must equal the top N of the live rows — with their
 * ranks when ranks are emitted — at every step, through a snapshot and restore half-way.
 */
class RetractingTopNPropertyTest {
    static final Schema IN = Schema.of(new Field("p", ColumnType.BIGINT), new Field("score", ColumnType.BIGINT),
            new Field("id", ColumnType.BIGINT));
    static final Schema OUT = Schema.of(new Field("p", ColumnType.BIGINT), new Field("score", ColumnType.BIGINT),
            new Field("id", ColumnType.BIGINT), new Field("$rank", ColumnType.BIGINT));

    @Test void equalsTheTopNOfTheLiveRows() throws Exception {
        for (int seed = 0; seed < 400; seed++) {
            Random rnd = new Random(seed);
            int limit = 1 + rnd.nextInt(4);
            boolean emitRanks = rnd.nextBoolean();
            boolean desc = rnd.nextBoolean();
            SortKey order = new SortKey(new int[] {1}, new boolean[] {desc}, new boolean[] {false});
            RetractingTopN op = new RetractingTopN(IN, OUT, new int[] {0}, order, limit, emitRanks);
            List<long[]> live = new ArrayList<>(); // arrival order
            TreeMap<String, Integer> shown = new TreeMap<>();
            long nextId = 0;
            int steps = 30 + rnd.nextInt(60);
            for (int step = 0; step < steps; step++) {
                Batch in = new Batch(IN, 4), out = new Batch(OUT, 16);
                if (!live.isEmpty() && rnd.nextInt(3) == 0) {
                    long[] row = live.remove(rnd.nextInt(live.size()));
                    add(in, rnd.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE, row);
                } else {
                    long[] row = {rnd.nextInt(3), rnd.nextInt(5), nextId++};
                    live.add(row);
                    add(in, rnd.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER, row);
                }
                op.process(in, out);
                for (int r = 0; r < out.size; r++) {
                    String row = out.longs[0][r] + "," + out.longs[1][r] + "," + out.longs[2][r]
                            + (emitRanks ? "#" + out.longs[3][r] : "");
                    shown.merge(row, RowKind.isAccumulate(out.ops[r]) ? 1 : -1, Integer::sum);
                    if (shown.get(row) == 0) shown.remove(row);
                }
                assertEquals(bruteForce(live, limit, desc, emitRanks), shown, "seed " + seed + " step " + step);
                if (step == steps / 2) { // snapshot and restore into a fresh operator
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    op.snapshot(new java.io.DataOutputStream(bytes));
                    op = new RetractingTopN(IN, OUT, new int[] {0}, order, limit, emitRanks);
                    op.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
                }
            }
        }
    }

    private static void add(Batch b, byte kind, long[] row) {
        int r = b.addRow(kind);
        for (int c = 0; c < 3; c++) b.setLong(c, r, row[c]);
    }

    /** Per partition, the live rows sorted by score (ties: arrival order), the first {@code limit} with 1-based ranks. */
    private static TreeMap<String, Integer> bruteForce(List<long[]> live, int limit, boolean desc, boolean ranks) {
        TreeMap<String, Integer> out = new TreeMap<>();
        for (long p = 0; p < 3; p++) {
            long part = p;
            List<long[]> rows = new ArrayList<>(live.stream().filter(r -> r[0] == part).toList());
            Comparator<long[]> byScore = Comparator.comparingLong(r -> r[1]);
            rows.sort(desc ? byScore.reversed() : byScore); // stable: arrival order among ties
            for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                long[] r = rows.get(i);
                out.merge(r[0] + "," + r[1] + "," + r[2] + (ranks ? "#" + (i + 1) : ""), 1, Integer::sum);
            }
        }
        return out;
    }
}
