package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.state.StateBackend;
import io.laminar.state.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * COUNT(DISTINCT) over numbers on an append-only input, where the calls over one column share a primitive map
 * (q15's total and per-price-rank distinct bidders): after every row each call's count equals the size of a
 * {@code java.util.HashSet} of the values that passed its FILTER — also across a checkpoint round trip in the middle,
 * from checkpoints in the boxed-set layout earlier versions wrote, and when two groups' states merge (sessions).
 */
class DistinctCountsTest {
    private static final Schema INPUT = Schema.of(new Field("a", ColumnType.BIGINT, true),
            new Field("d", ColumnType.DOUBLE, true), new Field("low", ColumnType.BOOLEAN, true),
            new Field("high", ColumnType.BOOLEAN, true), new Field("s", ColumnType.VARCHAR, true));
    private static final Schema OUTPUT = Schema.of(new Field("c0", ColumnType.BIGINT), new Field("c1", ColumnType.BIGINT),
            new Field("c2", ColumnType.BIGINT), new Field("c3", ColumnType.BIGINT), new Field("c4", ColumnType.BIGINT),
            new Field("c5", ColumnType.BIGINT), new Field("c6", ColumnType.BIGINT));

    /** The calls, interleaved so that the sharing group of column a is not contiguous. */
    private static final List<AggCallSpec> CALLS = List.of(
            new AggCallSpec("COUNT", true, 0, 2, "a_low"),     // COUNT(DISTINCT a) FILTER (WHERE low)
            new AggCallSpec("COUNT", false, -1, 2, "n_low"),   // COUNT(*) FILTER (WHERE low)
            new AggCallSpec("COUNT", true, 0, -1, "a"),        // COUNT(DISTINCT a)
            new AggCallSpec("COUNT", true, 1, -1, "d"),        // COUNT(DISTINCT d)
            new AggCallSpec("COUNT", true, 0, 3, "a_high"),    // COUNT(DISTINCT a) FILTER (WHERE high)
            new AggCallSpec("COUNT", true, 4, 3, "s_high"),    // COUNT(DISTINCT s) FILTER (WHERE high): boxed set
            new AggCallSpec("COUNT", true, 1, 2, "d_low"));    // COUNT(DISTINCT d) FILTER (WHERE low)

    /** The reference: per call, the set of values that passed its filter. */
    private static final class Reference {
        final List<Set<Object>> sets = new ArrayList<>();
        long nLow;

        Reference() {
            for (int i = 0; i < CALLS.size(); i++) sets.add(new HashSet<>());
        }

        void add(Batch b, int r) {
            for (int i = 0; i < CALLS.size(); i++) {
                AggCallSpec c = CALLS.get(i);
                int f = c.filterColumn();
                if (f >= 0 && (b.nulls[f][r] || b.longs[f][r] == 0)) continue;
                if (!c.distinct()) {
                    nLow++;
                    continue;
                }
                Object v = b.value(c.argColumn(), r);
                if (v != null) sets.get(i).add(v);
            }
        }

        long expected(int call) { return CALLS.get(call).distinct() ? sets.get(call).size() : nLow; }
    }

    private static Batch randomRows(Random rnd, int n, int range) {
        Batch b = new Batch(INPUT, n);
        for (int i = 0; i < n; i++) {
            int r = b.addRow(RowKind.INSERT);
            if (rnd.nextInt(10) == 0) b.setNull(0, r); else b.setLong(0, r, rnd.nextInt(range) - range / 4);
            double[] special = {0.0, -0.0, Double.NaN, 1.5};
            if (rnd.nextInt(10) == 0) b.setNull(1, r);
            else b.setDouble(1, r, rnd.nextInt(5) == 0 ? special[rnd.nextInt(4)] : rnd.nextInt(range) / 4.0);
            if (rnd.nextInt(8) == 0) b.setNull(2, r); else b.setLong(2, r, rnd.nextInt(2));
            if (rnd.nextInt(8) == 0) b.setNull(3, r); else b.setLong(3, r, rnd.nextInt(3) == 0 ? 1 : 0);
            if (rnd.nextInt(10) == 0) b.setNull(4, r); else b.setObject(4, r, "s" + rnd.nextInt(range));
        }
        return b;
    }

    private static void assertCounts(Aggregators aggs, AggState s, Reference ref, String when) {
        Batch out = new Batch(OUTPUT, 1);
        int r = out.addRow(RowKind.INSERT);
        aggs.writeResults(s, out, 0, r);
        for (int i = 0; i < CALLS.size(); i++) {
            assertEquals(ref.expected(i), out.longs[i][r], CALLS.get(i).name() + " " + when);
        }
    }

    private static byte[] write(Aggregators aggs, AggState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        aggs.writeState(new DataOutputStream(bytes), s);
        return bytes.toByteArray();
    }

    private static AggState read(Aggregators aggs, byte[] bytes) throws IOException {
        return aggs.readState(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test void sharedMapsCountLikeOneSetPerCall() throws IOException {
        for (int seed = 0; seed < 30; seed++) {
            Random rnd = new Random(seed);
            Aggregators aggs = new Aggregators(CALLS, INPUT);
            AggState s = aggs.newState();
            Reference ref = new Reference();
            Batch rows = randomRows(rnd, 600, 2 + rnd.nextInt(seed < 10 ? 10 : 500));
            for (int r = 0; r < rows.size; r++) {
                aggs.accumulate(s, rows, r);
                ref.add(rows, r);
                assertCounts(aggs, s, ref, "after row " + r + " (seed " + seed + ")");
                if (r == rows.size / 2) {
                    s = read(aggs, write(aggs, s)); // checkpoint and restore mid-stream
                    assertCounts(aggs, s, ref, "after a restore (seed " + seed + ")");
                }
            }
        }
    }

    @Test void mergingTwoGroupsCountsTheUnion() {
        Random rnd = new Random(7);
        Aggregators aggs = new Aggregators(CALLS, INPUT);
        AggState left = aggs.newState(), right = aggs.newState();
        Reference ref = new Reference();
        Batch rows = randomRows(rnd, 400, 60);
        for (int r = 0; r < rows.size; r++) {
            aggs.accumulate(r % 3 == 0 ? left : right, rows, r);
            ref.add(rows, r);
        }
        aggs.merge(left, right);
        assertCounts(aggs, left, ref, "after merging");
    }

    /** The layout earlier versions wrote: the longs, the doubles, then each call's values as a boxed tagged set. */
    @Test void restoresTheBoxedSetLayoutAndWritesItBack() throws IOException {
        Random rnd = new Random(3);
        Batch rows = randomRows(rnd, 300, 40);
        Reference ref = new Reference();
        for (int r = 0; r < rows.size; r++) ref.add(rows, r);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(ref.nLow); // COUNT(*) FILTER is the only long slot
        for (int i = 0; i < CALLS.size(); i++) {
            if (CALLS.get(i).distinct()) ValueCodec.writeValue(out, ref.sets.get(i));
        }
        Aggregators aggs = new Aggregators(CALLS, INPUT);
        AggState restored = read(aggs, bytes.toByteArray());
        assertCounts(aggs, restored, ref, "restored from boxed sets");
        // and what it writes reads back as the same sets, value for value
        DataInputStream again = new DataInputStream(new ByteArrayInputStream(write(aggs, restored)));
        assertEquals(ref.nLow, again.readLong());
        for (int i = 0; i < CALLS.size(); i++) {
            if (CALLS.get(i).distinct()) assertEquals(ref.sets.get(i), ValueCodec.readValue(again), CALLS.get(i).name());
        }
    }

    /**
     * Through a GROUP BY on RocksDB whose cache holds one group, so every other group's state is written and read
     * back between its rows: the changelog equals the heap store's, row for row.
     */
    @Test void aSpillingRocksDbStoreGivesTheHeapChangelog() {
        Schema input = Schema.of(new Field("g", ColumnType.BIGINT), new Field("a", ColumnType.BIGINT, true),
                new Field("d", ColumnType.DOUBLE, true), new Field("low", ColumnType.BOOLEAN, true));
        List<AggCallSpec> calls = List.of(new AggCallSpec("COUNT", true, 1, -1, "a"),
                new AggCallSpec("COUNT", true, 1, 3, "a_low"), new AggCallSpec("COUNT", true, 2, 3, "d_low"),
                new AggCallSpec("COUNT", false, -1, -1, "n"));
        Schema output = Schema.of(new Field("g", ColumnType.BIGINT), new Field("a", ColumnType.BIGINT),
                new Field("a_low", ColumnType.BIGINT), new Field("d_low", ColumnType.BIGINT), new Field("n", ColumnType.BIGINT));
        AggregateLayout layout = new AggregateLayout(new int[] {0}, new int[] {0}, input, output);
        Random rnd = new Random(11);
        Batch rows = new Batch(input, 2_000);
        for (int i = 0; i < 2_000; i++) {
            int r = rows.addRow(RowKind.INSERT);
            rows.setLong(0, r, rnd.nextInt(5));
            if (rnd.nextInt(9) == 0) rows.setNull(1, r); else rows.setLong(1, r, rnd.nextInt(300));
            rows.setDouble(2, r, rnd.nextInt(50) / 2.0);
            rows.setLong(3, r, rnd.nextInt(2));
        }
        List<String> heap = changelog(StateBackend.HEAP, layout, calls, rows);
        try (io.laminar.state.RocksStateBackend rocks = new io.laminar.state.RocksStateBackend(null, 1)) {
            assertEquals(heap, changelog(rocks, layout, calls, rows));
        }
    }

    private static List<String> changelog(StateBackend backend, AggregateLayout layout, List<AggCallSpec> calls, Batch rows) {
        Aggregators aggs = new Aggregators(calls, layout.input());
        GroupAggregate op = new GroupAggregate(layout, aggs, GroupAggregate.newStore(backend, "distinct", layout, aggs),
                io.laminar.operator.EmitMode.CHANGES, 0);
        List<String> log = new ArrayList<>();
        Batch out = new Batch(layout.output(), 16);
        for (int from = 0; from < rows.size; from += 100) { // batches of 100 rows
            Batch part = new Batch(layout.input(), 100);
            for (int r = from; r < Math.min(from + 100, rows.size); r++) part.appendRow(rows, r, RowKind.INSERT);
            op.process(part, out);
            for (int r = 0; r < out.size; r++) log.add(out.ops[r] + java.util.Arrays.toString(out.row(r)));
            out.clear();
        }
        op.close();
        return log;
    }

    @Test void aCheckpointOfAnotherColumnTypeIsRejectedClearly() throws IOException {
        Aggregators aggs = new Aggregators(List.of(new AggCallSpec("COUNT", true, 0, -1, "a")), INPUT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ValueCodec.writeValue(new DataOutputStream(bytes), Set.of("not a number"));
        IOException e = assertThrows(IOException.class, () -> read(aggs, bytes.toByteArray()));
        assertEquals(true, e.getMessage().contains("COUNT(DISTINCT)"), e.getMessage());
    }
}
