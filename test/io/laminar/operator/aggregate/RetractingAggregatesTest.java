package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.state.StateBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property test: a GROUP BY over a random changelog (inserts and retractions of live rows, NULLs included) keeps,
 * after every row, exactly the result a brute-force recomputation over the live rows gives — also across a
 * snapshot and restore in the middle, and deleting groups that empty.
 */
class RetractingAggregatesTest {
    static final Schema INPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("v", ColumnType.BIGINT, true),
            new Field("d", ColumnType.DOUBLE, true), new Field("s", ColumnType.VARCHAR, true));
    static final Schema OUTPUT = Schema.of(new Field("k", ColumnType.BIGINT), new Field("n", ColumnType.BIGINT),
            new Field("sum_v", ColumnType.BIGINT, true), new Field("min_v", ColumnType.BIGINT, true),
            new Field("max_d", ColumnType.DOUBLE, true), new Field("min_s", ColumnType.VARCHAR, true),
            new Field("distinct_v", ColumnType.BIGINT), new Field("first_v", ColumnType.BIGINT, true),
            new Field("last_s", ColumnType.VARCHAR, true), new Field("sum_d", ColumnType.DOUBLE, true));
    static final List<AggCallSpec> CALLS = List.of(
            new AggCallSpec("COUNT", false, -1, -1, "n"), new AggCallSpec("SUM", false, 1, -1, "sum_v"),
            new AggCallSpec("MIN", false, 1, -1, "min_v"), new AggCallSpec("MAX", false, 2, -1, "max_d"),
            new AggCallSpec("MIN", false, 3, -1, "min_s"), new AggCallSpec("COUNT", true, 1, -1, "distinct_v"),
            new AggCallSpec("FIRST_VALUE", false, 1, -1, "first_v"), new AggCallSpec("LAST_VALUE", false, 3, -1, "last_s"),
            new AggCallSpec("SUM", false, 2, -1, "sum_d"));

    static GroupAggregate newOperator() {
        AggregateLayout layout = new AggregateLayout(new int[] {0}, new int[] {0}, INPUT, OUTPUT);
        Aggregators aggs = new Aggregators(CALLS, INPUT, true);
        return new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "t", layout, aggs),
                EmitMode.CHANGES, 0);
    }

    @Test void randomChangelogMatchesBruteForceAcrossSnapshotAndRestore() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            GroupAggregate op = newOperator();
            List<Object[]> live = new ArrayList<>();
            Map<Long, Object[]> view = new HashMap<>(); // the materialised output changelog
            // a retraction names a value, not a row: FIRST/LAST_VALUE drop the value's earliest occurrence (as Flink)
            Map<Long, List<Object>> firstOrder = new HashMap<>(), lastOrder = new HashMap<>();
            Batch in = new Batch(INPUT, 1), out = new Batch(OUTPUT, 4);
            for (int step = 0; step < 400; step++) {
                byte kind;
                Object[] row;
                if (live.isEmpty() || rnd.nextInt(3) > 0) {
                    row = new Object[] {(long) rnd.nextInt(4), rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(10) - 3,
                            rnd.nextInt(6) == 0 ? null : rnd.nextInt(7) - 3.5, rnd.nextInt(6) == 0 ? null : "s" + rnd.nextInt(5)};
                    live.add(row);
                    kind = rnd.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER;
                    if (row[1] != null) firstOrder.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row[1]);
                    if (row[3] != null) lastOrder.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row[3]);
                } else {
                    row = live.remove(rnd.nextInt(live.size()));
                    kind = rnd.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE;
                    if (row[1] != null) firstOrder.get((Long) row[0]).remove(row[1]);
                    if (row[3] != null) lastOrder.get((Long) row[0]).remove(row[3]);
                }
                in.clear();
                int r = in.addRow(kind);
                for (int c = 0; c < row.length; c++) in.setValue(c, r, row[c]);
                out.clear();
                op.process(in, out);
                for (int o = 0; o < out.size; o++) {
                    Object[] res = out.row(o);
                    if (RowKind.isAccumulate(out.ops[o])) assertTrue(view.put((Long) res[0], res) == null, "seed " + seed);
                    else assertTrue(Arrays.equals(view.remove((Long) res[0]), res), "retracts what it emitted, seed " + seed);
                }
                if (step == 200) op = roundTrip(op);
                Map<Long, Object[]> expected = bruteForce(live, firstOrder, lastOrder);
                assertEquals(render(expected), render(view), "seed " + seed + " step " + step);
                assertEquals(expected.size(), op.stateSize(), "empty groups are evicted");
            }
        }
    }

    private static GroupAggregate roundTrip(GroupAggregate op) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        op.snapshot(new DataOutputStream(bytes));
        GroupAggregate restored = newOperator();
        restored.restore(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return restored;
    }

    /** Rows live per key, aggregated from scratch; FIRST/LAST_VALUE from the per-key value orders. */
    private static Map<Long, Object[]> bruteForce(List<Object[]> live, Map<Long, List<Object>> firstOrder,
                                                  Map<Long, List<Object>> lastOrder) {
        Map<Long, List<Object[]>> groups = new TreeMap<>();
        for (Object[] r : live) groups.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(r);
        Map<Long, Object[]> out = new HashMap<>();
        for (Map.Entry<Long, List<Object[]>> g : groups.entrySet()) {
            List<Object[]> rows = g.getValue();
            Long sum = null, min = null, first = null;
            Double max = null, sumD = null;
            String minS = null, lastS = null;
            java.util.Set<Long> distinct = new HashSet<>();
            for (Object[] r : rows) {
                Long v = (Long) r[1];
                Double d = (Double) r[2];
                String s = (String) r[3];
                if (v != null) {
                    sum = sum == null ? v : sum + v;
                    min = min == null ? v : Math.min(min, v);
                    distinct.add(v);
                }
                if (d != null) {
                    max = max == null ? d : Math.max(max, d);
                    sumD = sumD == null ? d : sumD + d;
                }
                if (s != null) {
                    minS = minS == null || s.compareTo(minS) < 0 ? s : minS;
                }
            }
            List<Object> fo = firstOrder.getOrDefault(g.getKey(), List.of()), lo = lastOrder.getOrDefault(g.getKey(), List.of());
            first = fo.isEmpty() ? null : (Long) fo.get(0);
            lastS = lo.isEmpty() ? null : (String) lo.get(lo.size() - 1);
            out.put(g.getKey(), new Object[] {g.getKey(), (long) rows.size(), sum, min, max, minS, (long) distinct.size(),
                    first, lastS, sumD});
        }
        return out;
    }

    /** Sorted text; doubles rounded so that summation order does not matter. */
    private static String render(Map<Long, Object[]> m) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(m).forEach((k, row) -> {
            Object[] r = row.clone();
            if (r[9] instanceof Double d) r[9] = Math.round(d * 1000) / 1000.0;
            sb.append(Arrays.toString(r)).append('\n');
        });
        return sb.toString();
    }

    @Test void emitEveryDeletesGroupsEmptiedSinceTheLastTick() {
        AggregateLayout layout = new AggregateLayout(new int[] {0}, new int[] {0}, INPUT, OUTPUT);
        Aggregators aggs = new Aggregators(CALLS, INPUT, true);
        GroupAggregate op = new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "t", layout, aggs),
                EmitMode.EVERY, 1000);
        Batch out = new Batch(OUTPUT, 8);
        op.process(rows(RowKind.INSERT, 1), out);
        assertEquals(0, out.size, "EMIT EVERY waits for the tick");
        op.onProcessingTime(1000, out);
        assertEquals("+I 1", kinds(out));
        out.clear();
        op.process(rows(RowKind.DELETE, 1), out);
        op.process(rows(RowKind.INSERT, 2), out);
        op.process(rows(RowKind.INSERT, 3), out);
        op.process(rows(RowKind.UPDATE_BEFORE, 3), out); // 3 comes and goes between ticks: never seen outside
        op.onProcessingTime(2000, out);
        assertEquals("-D 1, +I 2", kinds(out));
        assertEquals(1, op.stateSize(), "emptied groups are evicted at the tick");
    }

    private static Batch rows(byte kind, long key) {
        Batch in = new Batch(INPUT, 1);
        int r = in.addRow(kind);
        in.setLong(0, r, key);
        in.setLong(1, r, 10 * key);
        in.setDouble(2, r, key);
        in.setObject(3, r, "s" + key);
        return in;
    }

    /** "+I 1, -D 2": each output row's kind and key, sorted by key. */
    private static String kinds(Batch out) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < out.size; r++) rows.add(RowKind.shortString(out.ops[r]) + " " + out.getLong(0, r));
        rows.sort(java.util.Comparator.comparing(x -> x.substring(3)));
        return String.join(", ", rows);
    }

    @Test void longMultisetKeepsOrderAndMultiplicity() throws IOException {
        LongMultiset m = new LongMultiset();
        for (long v : new long[] {5, -2, 9, 5, 7, -2, 100, 3}) m.add(v);
        assertEquals(-2, m.min());
        assertEquals(100, m.max());
        assertTrue(m.remove(100));
        assertFalse(m.remove(42));
        assertEquals(9, m.max());
        assertTrue(m.remove(-2));
        assertEquals(-2, m.min(), "one of two -2 is left");
        assertTrue(m.remove(-2));
        assertEquals(3, m.min());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.write(new DataOutputStream(bytes));
        LongMultiset back = LongMultiset.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(m.distinct(), back.distinct());
        assertEquals(3, back.min());
        assertEquals(9, back.max());
        double[] ds = {-0.5, Double.NEGATIVE_INFINITY, 2.25, -0.0, 0.0, 1e300};
        for (double d : ds) assertEquals(d, LongMultiset.fromSortableBits(LongMultiset.sortableBits(d)));
        for (int i = 0; i < ds.length; i++) {
            for (int j = 0; j < ds.length; j++) {
                assertEquals(Integer.signum(Double.compare(ds[i], ds[j])),
                        Integer.signum(Long.compare(LongMultiset.sortableBits(ds[i]), LongMultiset.sortableBits(ds[j]))));
            }
        }
    }
}
