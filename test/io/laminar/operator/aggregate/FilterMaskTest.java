package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * FILTER (WHERE flag) evaluated once per row into a mask ({@link Aggregators#accumulate}) against counting by hand:
 * COUNT(*), COUNT(v) and COUNT(DISTINCT v) filtered by BOOLEAN columns that are TRUE, FALSE or NULL, with 3 filter
 * columns (the mask) and 70 (more than the mask holds: each call reads its column), plus unfiltered calls.
 */
class FilterMaskTest {
    @Test void filteredCountsMatchCountingByHand() {
        for (int flags : new int[] {3, 70}) check(flags, new Random(flags));
    }

    private static void check(int flags, Random rnd) {
        List<Field> fields = new ArrayList<>(List.of(new Field("v", ColumnType.BIGINT, true, 0, 0)));
        for (int f = 0; f < flags; f++) fields.add(new Field("f" + f, ColumnType.BOOLEAN, true, 0, 0));
        Schema input = Schema.of(fields.toArray(Field[]::new));
        List<AggCallSpec> calls = new ArrayList<>();
        calls.add(new AggCallSpec("COUNT", false, -1, -1, "all"));
        calls.add(new AggCallSpec("COUNT", true, 0, -1, "distinct_all"));
        for (int f = 0; f < flags; f++) {
            calls.add(new AggCallSpec("COUNT", false, -1, 1 + f, "n" + f));
            calls.add(new AggCallSpec("COUNT", false, 0, 1 + f, "v" + f));
            calls.add(new AggCallSpec("COUNT", true, 0, 1 + f, "d" + f));
        }
        Aggregators aggs = new Aggregators(calls, input);
        AggState state = aggs.newState();
        long all = 0;
        long[] n = new long[flags], v = new long[flags];
        List<Set<Long>> distinct = new ArrayList<>();
        for (int f = 0; f <= flags; f++) distinct.add(new HashSet<>());
        Batch in = new Batch(input, 64);
        for (int r = 0; r < 2_000; r++) {
            in.clear();
            int row = in.addRow(RowKind.INSERT);
            Long value = rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(3000); // mostly distinct: a FILTER changes which values are seen
            if (value == null) in.setNull(0, row); else in.setLong(0, row, value);
            all++;
            if (value != null) distinct.get(flags).add(value);
            for (int f = 0; f < flags; f++) {
                int x = rnd.nextInt(3); // TRUE, FALSE, NULL
                if (x == 2) in.setNull(1 + f, row); else in.setLong(1 + f, row, x == 0 ? 1 : 0);
                if (x != 0) continue;
                n[f]++;
                if (value != null) {
                    v[f]++;
                    distinct.get(f).add(value);
                }
            }
            aggs.accumulate(state, in, row);
        }
        Batch out = new Batch(Schema.of(calls.stream().map(c -> new Field(c.name(), ColumnType.BIGINT, true, 0, 0))
                .toArray(Field[]::new)), 1);
        int row = out.addRow(RowKind.INSERT);
        aggs.writeResults(state, out, 0, row);
        String what = flags + " filter columns";
        assertEquals(all, out.longs[0][row], what);
        assertEquals(distinct.get(flags).size(), out.longs[1][row], what);
        for (int f = 0; f < flags; f++) {
            assertEquals(n[f], out.longs[2 + 3 * f][row], what + ": COUNT(*) FILTER f" + f);
            assertEquals(v[f], out.longs[3 + 3 * f][row], what + ": COUNT(v) FILTER f" + f);
            assertEquals(distinct.get(f).size(), out.longs[4 + 3 * f][row], what + ": COUNT(DISTINCT v) FILTER f" + f);
        }
    }
}
