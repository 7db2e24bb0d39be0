package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interval and regular joins against brute force: random keys, times and interleavings of the two inputs (rows
 * within the watermark delay, so none is late), every join type; the output multiset — and for the regular join
 * over changelog input, the final state after applying the output — must equal the relational answer. Half-way
 * through, every other run moves the state into a fresh operator through snapshot/restore (a checkpoint and a
 * recovery), which must not change the answer.
 */
class JoinOperatorPropertyTest {
    static final Schema SIDE = new Schema(List.of(new Field("k", ColumnType.BIGINT, true),
            new Field("v", ColumnType.BIGINT, false), new Field("ts", ColumnType.TIMESTAMP, false)));
    static final Schema OUT = new Schema(List.of(new Field("lk", ColumnType.BIGINT, true), new Field("lv", ColumnType.BIGINT, true),
            new Field("lts", ColumnType.TIMESTAMP, true), new Field("rk", ColumnType.BIGINT, true),
            new Field("rv", ColumnType.BIGINT, true), new Field("rts", ColumnType.TIMESTAMP, true)));

    record Row(int side, Long k, long v, long ts) {}

    interface Snapshotter {
        void snapshot(java.io.DataOutput out) throws java.io.IOException;
    }

    private static byte[] snapshot(Snapshotter s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            s.snapshot(new java.io.DataOutputStream(bytes));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** How a run draws its rows: key range and null rate, clock step, and each row's v column. */
    record Draw(int keys, int nullOneIn, int clockStep, int maxExtraRows, RowValue value) {}

    interface RowValue {
        long of(Random rnd, int i, long ts);
    }

    /** The rows fed to a join and what it emitted. */
    record Run(List<Row> rows, List<String> output, JoinOperator join) {}

    /**
     * Feeds 20 + up to {@code maxExtraRows} random rows to a fresh join, each side's times disordered within
     * {@code delay} but never behind the operator's watermark (the minimum over both inputs, advanced after each
     * row), then the final watermark. On odd seeds the state moves through snapshot/restore half-way.
     */
    private static Run drive(int seed, Random rnd, long delay, Draw draw, java.util.function.Supplier<? extends JoinOperator> fresh)
            throws java.io.IOException {
        JoinOperator join = fresh.get();
        List<Row> rows = new ArrayList<>();
        long[] max = {Long.MIN_VALUE, Long.MIN_VALUE};
        List<String> actual = new ArrayList<>();
        Batch out = new Batch(OUT, 16);
        long clock = 1000;
        int n = 20 + rnd.nextInt(draw.maxExtraRows());
        for (int i = 0; i < n; i++) {
            if (seed % 2 == 1 && i == n / 2) {
                JoinOperator restored = fresh.get();
                restored.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot(join::snapshot))));
                join = restored;
            }
            clock += rnd.nextInt(draw.clockStep());
            int side = rnd.nextInt(2);
            long wm = Math.min(max[0], max[1]) - delay; // the operator's watermark: min over both inputs
            long ts = Math.max(clock - rnd.nextInt((int) delay + 1), wm == Long.MIN_VALUE - delay ? clock : wm);
            Long k = rnd.nextInt(draw.nullOneIn()) == 0 ? null : (long) rnd.nextInt(draw.keys());
            long v = draw.value().of(rnd, i, ts);
            rows.add(new Row(side, k, v, ts));
            Batch in = new Batch(SIDE, 1);
            int r = in.addRow(RowKind.INSERT);
            if (k == null) in.setNull(0, r); else in.setLong(0, r, k);
            in.setLong(1, r, v);
            in.setLong(2, r, ts);
            out.clear();
            join.process(side, in, out);
            collect(out, actual);
            max[side] = Math.max(max[side], ts);
            long newWm = Math.min(max[0], max[1]);
            if (newWm != Long.MIN_VALUE) {
                out.clear();
                join.onWatermark(newWm - delay, out);
                collect(out, actual);
            }
        }
        out.clear();
        join.onWatermark(Long.MAX_VALUE, out);
        collect(out, actual);
        return new Run(rows, actual, join);
    }

    @Test void intervalJoinEqualsBruteForce() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            JoinType type = JoinType.values()[seed % 4];
            long lower = -rnd.nextInt(40), upper = rnd.nextInt(40) - 10;
            if (upper < lower) upper = lower;
            long delay = 1 + rnd.nextInt(30);
            final long lo = lower, up = upper;
            Run run = drive(seed, rnd, delay, new Draw(4, 10, 10, 80, (random, i, ts) -> i),
                    () -> new IntervalJoin(SIDE, SIDE, new int[] {0}, new int[] {0}, 2, 2, lo, up, type, OUT));
            assertEquals(sorted(bruteForce(run.rows(), type, lower, l -> l.ts + up)), sorted(run.output()),
                    "seed " + seed + " " + type);
            assertEquals(0, run.join().stateSize(), "everything evicted at the final watermark");
        }
    }

    /** Each left row carries its own upper bound in column v ({@code R.ts BETWEEN L.ts + lower AND L.v}). */
    @Test void intervalJoinWithAPerRowUpperBoundEqualsBruteForce() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            JoinType type = JoinType.values()[seed % 4];
            long lower = -rnd.nextInt(20);
            long delay = 1 + rnd.nextInt(30);
            // the left row's own upper bound, sometimes before its time
            Run run = drive(seed, rnd, delay, new Draw(4, 10, 10, 80, (random, i, ts) -> ts + random.nextInt(50) - 5),
                    () -> new IntervalJoin(SIDE, SIDE, new int[] {0}, new int[] {0}, 2, 2, lower, 0, 1, type, OUT));
            assertEquals(sorted(bruteForce(run.rows(), type, lower, l -> l.v)), sorted(run.output()), "seed " + seed + " " + type);
            assertEquals(0, run.join().stateSize(), "everything evicted at the final watermark");
        }
    }

    @Test void regularJoinOverChangelogsEqualsBruteForce() throws Exception {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            JoinType type = JoinType.values()[seed % 4];
            RegularJoin join = new RegularJoin(SIDE, SIDE, new int[] {0}, new int[] {0}, type, OUT);
            List<List<Row>> live = List.of(new ArrayList<>(), new ArrayList<>());
            Map<String, Integer> state = new HashMap<>();
            Batch out = new Batch(OUT, 16);
            int n = 10 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                if (seed % 2 == 1 && i == n / 2) {
                    RegularJoin restored = new RegularJoin(SIDE, SIDE, new int[] {0}, new int[] {0}, type, OUT);
                    byte[] bytes = snapshot(join::snapshot);
                    restored.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
                    join = restored;
                }
                int side = rnd.nextInt(2);
                Batch in = new Batch(SIDE, 1);
                boolean retract = !live.get(side).isEmpty() && rnd.nextInt(3) == 0;
                Row row = retract ? live.get(side).remove(rnd.nextInt(live.get(side).size()))
                        : new Row(side, rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(3), rnd.nextInt(3), 0);
                if (!retract) live.get(side).add(row);
                int r = in.addRow(retract ? RowKind.DELETE : RowKind.INSERT);
                if (row.k == null) in.setNull(0, r); else in.setLong(0, r, row.k);
                in.setLong(1, r, row.v);
                in.setLong(2, r, 0);
                out.clear();
                join.process(side, in, out);
                for (int o = 0; o < out.size; o++) {
                    String s = render(out, o);
                    if (RowKind.isAccumulate(out.ops[o])) state.merge(s, 1, Integer::sum);
                    else {
                        Integer c = state.get(s);
                        assertTrue(c != null, "seed " + seed + ": retraction of a row never emitted: " + s);
                        if (c == 1) state.remove(s); else state.put(s, c - 1);
                    }
                }
            }
            List<String> finalState = new ArrayList<>();
            state.forEach((s, c) -> { for (int i = 0; i < c; i++) finalState.add(s); });
            List<Row> all = new ArrayList<>(live.get(0));
            all.addAll(live.get(1));
            assertEquals(sorted(bruteForce(all, type, Long.MIN_VALUE / 4, l -> Long.MAX_VALUE / 4)), sorted(finalState),
                    "seed " + seed + " " + type);
        }
    }

    @Test void asofJoinEqualsBruteForce() throws Exception {
        for (int seed = 0; seed < 600; seed++) {
            Random rnd = new Random(seed);
            AsofJoin.Direction direction = AsofJoin.Direction.values()[seed % 3];
            boolean strict = (seed / 3) % 2 == 1, keep = (seed / 6) % 2 == 1;
            long tolerance = rnd.nextBoolean() ? Long.MAX_VALUE : rnd.nextInt(30);
            long delay = 1 + rnd.nextInt(30);
            Run run = drive(seed, rnd, delay, new Draw(3, 12, 8, 100, (random, i, ts) -> i),
                    () -> new AsofJoin(SIDE, SIDE, new int[] {0}, new int[] {0}, 2, 2, direction, strict, tolerance, keep, OUT));
            String what = "seed " + seed + " " + direction + (strict ? " strict" : "") + (keep ? " LEFT" : " INNER")
                    + " tolerance " + tolerance;
            assertEquals(sorted(asofBruteForce(run.rows(), direction, strict, tolerance, keep)), sorted(run.output()), what);
            // after the final watermark at most the newest right row of each of the 3 keys remains
            assertTrue(run.join().stateSize() <= 3, what);
        }
    }

    /** Per left row, the closest right row of its key; equal times: the later arrival; equally near: the earlier. */
    private static List<String> asofBruteForce(List<Row> rows, AsofJoin.Direction direction, boolean strict, long tolerance,
                                               boolean keep) {
        List<String> out = new ArrayList<>();
        List<Row> right = rows.stream().filter(r -> r.side == 1).toList();
        for (Row l : rows) {
            if (l.side != 0) continue;
            Row back = null, fwd = null;
            for (Row r : right) {
                if (l.k == null || !l.k.equals(r.k)) continue;
                boolean isBack = strict ? r.ts < l.ts : r.ts <= l.ts, isFwd = strict ? r.ts > l.ts : r.ts >= l.ts;
                if (isBack && (back == null || r.ts >= back.ts)) back = r; // later arrival wins ties
                if (isFwd && (fwd == null || r.ts <= fwd.ts)) fwd = r;
            }
            if (direction == AsofJoin.Direction.FORWARD) back = null;
            if (direction == AsofJoin.Direction.BACKWARD) fwd = null;
            if (back != null && l.ts - back.ts > tolerance) back = null;
            if (fwd != null && fwd.ts - l.ts > tolerance) fwd = null;
            Row partner = back == null ? fwd : fwd == null ? back : (l.ts - back.ts <= fwd.ts - l.ts ? back : fwd);
            if (partner != null) out.add(text(l) + ", " + text(partner));
            else if (keep) out.add(text(l) + ", null, null, null");
        }
        return out;
    }

    /** The relational answer: pairs of equal non-null keys with {@code r.ts} in {@code [l.ts + lower, upper(l)]}. */
    private static List<String> bruteForce(List<Row> rows, JoinType type, long lower, java.util.function.ToLongFunction<Row> upper) {
        List<String> out = new ArrayList<>();
        List<Row> left = rows.stream().filter(r -> r.side == 0).toList(), right = rows.stream().filter(r -> r.side == 1).toList();
        boolean[] rightMatched = new boolean[right.size()];
        for (Row l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                Row r = right.get(j);
                if (l.k != null && l.k.equals(r.k) && r.ts >= l.ts + lower && r.ts <= upper.applyAsLong(l)) {
                    out.add(text(l) + ", " + text(r));
                    matched = true;
                    rightMatched[j] = true;
                }
            }
            if (!matched && type.keepsLeft) out.add(text(l) + ", null, null, null");
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && type.keepsRight) out.add("null, null, null, " + text(right.get(j)));
        }
        return out;
    }

    private static String text(Row r) { return r.k + ", " + r.v + ", " + r.ts; }

    private static void collect(Batch out, List<String> into) {
        for (int o = 0; o < out.size; o++) {
            assertEquals(RowKind.INSERT, out.ops[o], "interval joins are append-only");
            into.add(render(out, o));
        }
    }

    private static String render(Batch b, int r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < b.columnCount(); c++) {
            if (c > 0) sb.append(", ");
            sb.append(b.nulls[c][r] ? "null" : String.valueOf(b.longs[c][r]));
        }
        return sb.toString();
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
