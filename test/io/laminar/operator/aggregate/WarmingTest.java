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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Warming (GroupAggregate reading a run of rows' groups and distinct-set slots ahead) only reads: the changelog of
 * a GROUP BY over thousands of groups is the same row for row whether the batches are large (warmed, or not, as
 * {@link WarmingChoice} alternates its trials) or too small ever to be warmed, and the last row emitted per group
 * equals counts and distinct counts kept with {@code java.util} collections. And the choice follows the timings.
 */
class WarmingTest {
    private static final Schema INPUT = Schema.of(new Field("channel", ColumnType.VARCHAR), new Field("day", ColumnType.BIGINT),
            new Field("bidder", ColumnType.BIGINT, true), new Field("cheap", ColumnType.BOOLEAN, true),
            new Field("minute", ColumnType.VARCHAR, true));
    private static final Schema OUTPUT = Schema.of(new Field("channel", ColumnType.VARCHAR), new Field("day", ColumnType.BIGINT),
            new Field("n", ColumnType.BIGINT), new Field("n_cheap", ColumnType.BIGINT), new Field("bidders", ColumnType.BIGINT),
            new Field("cheap_bidders", ColumnType.BIGINT), new Field("last_minute", ColumnType.VARCHAR, true));
    private static final List<AggCallSpec> CALLS = List.of(
            new AggCallSpec("COUNT", false, -1, -1, "n"),
            new AggCallSpec("COUNT", false, -1, 3, "n_cheap"),
            new AggCallSpec("COUNT", true, 2, -1, "bidders"),
            new AggCallSpec("COUNT", true, 2, 3, "cheap_bidders"),
            new AggCallSpec("MAX", false, 4, -1, "last_minute"));
    private static final AggregateLayout LAYOUT = new AggregateLayout(new int[] {0, 1}, new int[] {0, 1}, INPUT, OUTPUT);

    @Test void warmedBatchesGiveTheChangelogOfUnwarmedOnesAndTheReferenceCounts() {
        Random rnd = new Random(5);
        int rows = 60_000;
        Batch all = new Batch(INPUT, rows);
        String[] channels = new String[3_000];
        for (int i = 0; i < channels.length; i++) channels[i] = "channel-" + i;
        for (int i = 0; i < rows; i++) {
            int r = all.addRow(RowKind.INSERT);
            // half the rows on four hot groups, the rest over thousands: cold groups, as in Nexmark q16
            all.setObject(0, r, rnd.nextBoolean() ? channels[rnd.nextInt(4)] : new String(channels[rnd.nextInt(channels.length)]));
            all.setLong(1, r, rnd.nextInt(2));
            if (rnd.nextInt(20) == 0) all.setNull(2, r); else all.setLong(2, r, rnd.nextInt(rnd.nextBoolean() ? 50 : 100_000));
            if (rnd.nextInt(15) == 0) all.setNull(3, r); else all.setLong(3, r, rnd.nextInt(3) == 0 ? 1 : 0);
            all.setObject(4, r, String.format("%02d:%02d", rnd.nextInt(24), rnd.nextInt(60)));
        }
        List<String> warmable = changelog(all, rnd, 64, 700);
        List<String> tooSmallToWarm = changelog(all, rnd, 1, 3);
        assertEquals(tooSmallToWarm.size(), warmable.size());
        for (int i = 0; i < warmable.size(); i++) assertEquals(tooSmallToWarm.get(i), warmable.get(i), "changelog row " + i);

        // the last row per group against the reference
        Map<List<Object>, String> last = new HashMap<>();
        for (String row : warmable) {
            Object[] v = parse(row);
            if (v != null) last.put(List.of(v[0], v[1]), row);
        }
        Map<List<Object>, long[]> counts = new HashMap<>();
        Map<List<Object>, List<Set<Long>>> sets = new HashMap<>();
        Map<List<Object>, String> maxMinute = new HashMap<>();
        for (int r = 0; r < all.size; r++) {
            List<Object> key = List.of(all.getObject(0, r), all.getLong(1, r));
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            List<Set<Long>> s = sets.computeIfAbsent(key, k -> List.of(new HashSet<>(), new HashSet<>()));
            boolean cheap = !all.isNull(3, r) && all.getLong(3, r) != 0;
            c[0]++;
            if (cheap) c[1]++;
            if (!all.isNull(2, r)) {
                s.get(0).add(all.getLong(2, r));
                if (cheap) s.get(1).add(all.getLong(2, r));
            }
            maxMinute.merge(key, (String) all.getObject(4, r), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        assertEquals(counts.size(), last.size());
        for (Map.Entry<List<Object>, long[]> e : counts.entrySet()) {
            List<Object> key = e.getKey();
            List<Set<Long>> s = sets.get(key);
            String expected = Arrays.toString(new Object[] {key.get(0), key.get(1), e.getValue()[0], e.getValue()[1],
                    (long) s.get(0).size(), (long) s.get(1).size(), maxMinute.get(key)});
            String row = last.get(key);
            assertEquals(expected, row.substring(row.indexOf('[')), "group " + key);
        }
    }

    /** Channel and day of a +I/+U changelog row, or null for a -U. */
    private static Object[] parse(String row) {
        if (row.startsWith(RowKind.UPDATE_BEFORE + "[")) return null;
        String[] v = row.substring(row.indexOf('[') + 1, row.length() - 1).split(", ");
        return new Object[] {v[0], Long.parseLong(v[1])};
    }

    /** The changelog of {@code rows} fed in batches of random sizes {@code min..max}. */
    private static List<String> changelog(Batch rows, Random rnd, int min, int max) {
        Aggregators aggs = new Aggregators(CALLS, INPUT);
        GroupAggregate op = new GroupAggregate(LAYOUT, aggs, GroupAggregate.newStore(StateBackend.HEAP, "warming", LAYOUT, aggs),
                EmitMode.CHANGES, 0);
        List<String> log = new ArrayList<>();
        Batch out = new Batch(OUTPUT, 64);
        for (int from = 0; from < rows.size; ) {
            int n = Math.min(rows.size - from, min + rnd.nextInt(max - min + 1));
            Batch part = new Batch(INPUT, n);
            for (int r = from; r < from + n; r++) part.appendRow(rows, r, RowKind.INSERT);
            op.process(part, out);
            for (int r = 0; r < out.size; r++) log.add(out.ops[r] + Arrays.toString(out.row(r)));
            out.clear();
            from += n;
        }
        op.close();
        return log;
    }

    @Test void theChoiceFollowsTheBestTimesAndIsRemadeEveryCycle() {
        WarmingChoice choice = new WarmingChoice();
        // warmed batches at 100 ns a row, unwarmed at 150, but one warmed batch preempted (50 times slower)
        runTrials(choice, 100, 150, true);
        assertTrue(choice.warming());
        for (int b = 2 * WarmingChoice.TRIALS; b < WarmingChoice.CYCLE; b++) {
            assertFalse(choice.timed());
            assertTrue(choice.warms());
            choice.finish(0, 500);
        }
        // the next cycle times again, and the data has changed: warming now costs more than it saves
        runTrials(choice, 180, 120, false);
        assertFalse(choice.warming());
        assertFalse(choice.warms());
    }

    /** One cycle's trials, warmed and unwarmed batches of 500 rows at the given nanoseconds a row. */
    private static void runTrials(WarmingChoice choice, long warmNanosPerRow, long coldNanosPerRow, boolean preemptOne) {
        for (int b = 0; b < 2 * WarmingChoice.TRIALS; b++) {
            assertTrue(choice.timed(), "batch " + b + " of the cycle is a trial");
            long perRow = choice.warms() ? warmNanosPerRow : coldNanosPerRow;
            if (preemptOne && b == 2) perRow *= 50;
            choice.finish(perRow * 500, 500);
        }
    }
}
