package io.laminar.bench.jmh;

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
import io.laminar.operator.aggregate.GroupAggregate;
import io.laminar.operator.window.SessionWindowAggregate;
import io.laminar.operator.window.WindowAggregate;
import io.laminar.operator.window.WindowSpec;
import io.laminar.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The aggregate operators alone, fed what the compiled kernel in front of them hands over for the Nexmark
 * aggregates (key columns, FILTER flags as BOOLEAN columns, the argument columns), built from real generated bids —
 * so generation, the kernel, the exchange and delivery are not in the figure:
 * <ul>
 *   <li>{@code q5} — HOP 2 s / 10 s, COUNT(*) per auction, EMIT ON WINDOW CLOSE: five windows per row, folded once
 *       into the row's pane ({@code HopPaneAggregate}); {@code q5-per-window} the same into each of the five windows
 *       ({@code WindowAggregate}, what EMIT CHANGES or a RocksDB store still use);</li>
 *   <li>{@code q11} — SESSION 10 s per bidder, COUNT(*);</li>
 *   <li>{@code q15} — per day: COUNT(*) and three filtered counts, COUNT(DISTINCT) of bidder and of auction each
 *       unfiltered and per price rank; EMIT CHANGES, so every row emits -U/+U;</li>
 *   <li>{@code q16} — per channel and day: q15's calls plus MAX of the minute (a string); EMIT CHANGES. Ten thousand
 *       channel groups, so the rows cycle through {@value #Q16_BATCHES} batches of consecutive bids (not one batch
 *       again and again): the groups' distinct-value sets keep growing and most rows meet a group that is not in
 *       cache, as on the stream;</li>
 *   <li>{@code q17} — per auction and day: counts by price rank, MIN, MAX, SUM of price; EMIT CHANGES.</li>
 * </ul>
 * Each invocation processes 1024 rows; windowed cases move the rows' time forward by the batch's span every
 * invocation and advance the watermark behind them, so windows open, fill, fire and are evicted as on a stream.
 * Reported per row: {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per input row. Output rows are
 * discarded after each invocation. Run: {@code bin/laminar bench jmh AggregateOperatorBench -prof gc}.
 */
@State(Scope.Thread)
public class AggregateOperatorBench extends CoreBenchmark {
    @Param({"q5", "q5-per-window", "q11", "q15", "q16", "q17"})
    public String query;

    private static final int AUCTION = 0, BIDDER = 1, PRICE = 2, CHANNEL = 3, DATE_TIME = 5;
    /** q16's input: this many 1024-row batches of consecutive bids, processed in turn. */
    static final int Q16_BATCHES = 512;
    private Batch[] inputs;
    private int nextInput;
    private static final long DAY_MILLIS = 86_400_000L;

    private StreamOperator operator;
    private Batch in;
    private Batch out;
    /** Windowed cases: the time column, the batch's event-time span, and the lag of the watermark. */
    private int timeColumn = -1;
    private long span;
    private long maxTime;

    @Setup public void setup() {
        Batch bids = Fixtures.bids(Fixtures.BATCH_ROWS);
        switch (query) {
            case "q5", "q5-per-window" -> setupWindowCount(bids, "auction", AUCTION);
            case "q11" -> setupWindowCount(bids, "bidder", BIDDER);
            case "q15" -> setupPerDayDistinct(bids);
            case "q16" -> setupPerChannelDay(Fixtures.bids(Q16_BATCHES * Fixtures.BATCH_ROWS));
            case "q17" -> setupPerAuctionDay(bids);
            default -> throw new IllegalArgumentException("query must be q5, q5-per-window, q11, q15, q16 or q17, not " + query);
        }
    }

    private static Field bigint(String name) { return new Field(name, ColumnType.BIGINT); }

    /** A batch of {@code schema} whose column c is column {@code from[c]} of {@code bids}. */
    private static Batch project(Batch bids, Schema schema, int... from) {
        Batch b = new Batch(schema, bids.size);
        for (int r = 0; r < bids.size; r++) {
            int o = b.addRow(RowKind.INSERT);
            for (int c = 0; c < from.length; c++) b.copyValue(c, o, bids, from[c], r);
        }
        return b;
    }

    private void windowed(Batch input, int time) {
        in = input;
        timeColumn = time;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int r = 0; r < in.size; r++) {
            min = Math.min(min, in.longs[time][r]);
            max = Math.max(max, in.longs[time][r]);
        }
        span = max - min + 1;
        maxTime = max;
    }

    /**
     * q5 and q11: COUNT(*) per key column {@code keyColumn} of the bids in a window, ON WINDOW CLOSE; the operator's
     * input is (key, dateTime), its output (key, window_start, window_end, count).
     */
    private void setupWindowCount(Batch bids, String key, int keyColumn) {
        Schema input = Schema.of(bigint(key), new Field("dateTime", ColumnType.TIMESTAMP));
        Schema output = Schema.of(bigint(key), new Field("window_start", ColumnType.TIMESTAMP),
                new Field("window_end", ColumnType.TIMESTAMP), bigint("n"));
        AggregateLayout layout = new AggregateLayout(new int[] {0, AggregateLayout.WINDOW_START, AggregateLayout.WINDOW_END},
                new int[] {0}, input, output);
        Aggregators aggs = new Aggregators(List.of(new AggCallSpec("COUNT", false, -1, -1, "n")), input);
        WindowSpec hop = WindowSpec.hop(2_000, 10_000, 0);
        operator = switch (query) {
            case "q5" -> WindowAggregate.create(layout, aggs, hop, 1, 0, EmitMode.ON_WINDOW_CLOSE, 0, StateBackend.HEAP, "bench-q5");
            case "q5-per-window" -> new WindowAggregate(layout, aggs, hop, 1, 0, EmitMode.ON_WINDOW_CLOSE, 0,
                    StateBackend.HEAP, "bench-q5");
            default -> new SessionWindowAggregate(layout, aggs, 10_000, 1, 0, EmitMode.ON_WINDOW_CLOSE, 0,
                    StateBackend.HEAP, "bench-q11");
        };
        windowed(project(bids, input, keyColumn, DATE_TIME), 1);
        out = new Batch(layout.output(), 4 * Fixtures.BATCH_ROWS);
    }

    /** Input columns of q15/q17: the day (a string, as the kernel's CAST makes it) and the three price-rank flags. */
    private static Batch withDayAndRanks(Batch bids, Schema schema, int... from) {
        Batch b = project(bids, schema, from);
        int first = from.length;
        for (int r = 0; r < b.size; r++) {
            long price = bids.longs[PRICE][r];
            String day = java.time.LocalDate.ofEpochDay(Math.floorDiv(bids.longs[DATE_TIME][r], DAY_MILLIS)).toString();
            b.setObject(first, r, day);
            b.setLong(first + 1, r, price < 10_000 ? 1 : 0);
            b.setLong(first + 2, r, price >= 10_000 && price < 1_000_000 ? 1 : 0);
            b.setLong(first + 3, r, price >= 1_000_000 ? 1 : 0);
        }
        return b;
    }

    private static List<Field> rankFlags() {
        return List.of(new Field("day", ColumnType.VARCHAR), new Field("rank1", ColumnType.BOOLEAN),
                new Field("rank2", ColumnType.BOOLEAN), new Field("rank3", ColumnType.BOOLEAN));
    }

    private void setupPerDayDistinct(Batch bids) {
        List<Field> fields = new ArrayList<>(List.of(bigint("bidder"), bigint("auction")));
        fields.addAll(rankFlags()); // day = 2, rank1..3 = 3..5
        Schema input = Schema.of(fields.toArray(Field[]::new));
        List<AggCallSpec> calls = new ArrayList<>();
        List<Field> out = new ArrayList<>(List.of(new Field("day", ColumnType.VARCHAR)));
        calls.add(new AggCallSpec("COUNT", false, -1, -1, "total_bids"));
        for (int rank = 0; rank < 3; rank++) calls.add(new AggCallSpec("COUNT", false, -1, 3 + rank, "rank" + rank + "_bids"));
        for (int arg = 0; arg < 2; arg++) {
            calls.add(new AggCallSpec("COUNT", true, arg, -1, "total_" + arg));
            for (int rank = 0; rank < 3; rank++) calls.add(new AggCallSpec("COUNT", true, arg, 3 + rank, "rank" + rank + "_" + arg));
        }
        for (AggCallSpec c : calls) out.add(bigint(c.name()));
        Schema output = Schema.of(out.toArray(Field[]::new));
        AggregateLayout layout = new AggregateLayout(new int[] {0}, new int[] {2}, input, output);
        Aggregators aggs = new Aggregators(calls, input);
        operator = new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "bench-q15", layout, aggs),
                EmitMode.CHANGES, 0);
        in = withDayAndRanks(bids, input, BIDDER, AUCTION);
        this.out = new Batch(output, 2 * Fixtures.BATCH_ROWS);
    }

    /** q16: q15's calls per channel and day, plus MAX of the minute ({@code HH:mm}, a string as the kernel makes it). */
    private void setupPerChannelDay(Batch bids) {
        List<Field> fields = new ArrayList<>(List.of(bigint("bidder"), bigint("auction")));
        fields.addAll(rankFlags()); // day = 2, rank1..3 = 3..5
        fields.add(new Field("channel", ColumnType.VARCHAR)); // 6
        fields.add(new Field("minute", ColumnType.VARCHAR)); // 7
        Schema input = Schema.of(fields.toArray(Field[]::new));
        List<AggCallSpec> calls = new ArrayList<>();
        calls.add(new AggCallSpec("MAX", false, 7, -1, "minute"));
        calls.add(new AggCallSpec("COUNT", false, -1, -1, "total_bids"));
        for (int rank = 0; rank < 3; rank++) calls.add(new AggCallSpec("COUNT", false, -1, 3 + rank, "rank" + rank + "_bids"));
        for (int arg = 0; arg < 2; arg++) {
            calls.add(new AggCallSpec("COUNT", true, arg, -1, "total_" + arg));
            for (int rank = 0; rank < 3; rank++) calls.add(new AggCallSpec("COUNT", true, arg, 3 + rank, "rank" + rank + "_" + arg));
        }
        List<Field> out = new ArrayList<>(List.of(new Field("channel", ColumnType.VARCHAR), new Field("day", ColumnType.VARCHAR),
                new Field("minute", ColumnType.VARCHAR, true)));
        for (AggCallSpec c : calls.subList(1, calls.size())) out.add(bigint(c.name()));
        Schema output = Schema.of(out.toArray(Field[]::new));
        AggregateLayout layout = new AggregateLayout(new int[] {0, 1}, new int[] {6, 2}, input, output);
        Aggregators aggs = new Aggregators(calls, input);
        operator = new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "bench-q16", layout, aggs),
                EmitMode.CHANGES, 0);
        Batch all = withDayAndRanks(bids, input, BIDDER, AUCTION);
        inputs = new Batch[Q16_BATCHES];
        for (int b = 0; b < Q16_BATCHES; b++) {
            Batch part = new Batch(input, Fixtures.BATCH_ROWS);
            for (int r = b * Fixtures.BATCH_ROWS; r < (b + 1) * Fixtures.BATCH_ROWS; r++) {
                int o = part.addRow(RowKind.INSERT);
                for (int c = 0; c < 6; c++) part.copyValue(c, o, all, c, r);
                part.setObject(6, o, bids.objects[CHANNEL][r]);
                long minuteOfDay = Math.floorMod(bids.longs[DATE_TIME][r], DAY_MILLIS) / 60_000;
                part.setObject(7, o, String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60));
            }
            inputs[b] = part;
        }
        in = inputs[0];
        this.out = new Batch(output, 2 * Fixtures.BATCH_ROWS);
    }

    private void setupPerAuctionDay(Batch bids) {
        List<Field> fields = new ArrayList<>(List.of(bigint("auction"), bigint("price")));
        fields.addAll(rankFlags()); // day = 2, rank1..3 = 3..5
        Schema input = Schema.of(fields.toArray(Field[]::new));
        List<AggCallSpec> calls = new ArrayList<>();
        calls.add(new AggCallSpec("COUNT", false, -1, -1, "total_bids"));
        for (int rank = 0; rank < 3; rank++) calls.add(new AggCallSpec("COUNT", false, -1, 3 + rank, "rank" + rank + "_bids"));
        calls.add(new AggCallSpec("MIN", false, 1, -1, "min_price"));
        calls.add(new AggCallSpec("MAX", false, 1, -1, "max_price"));
        calls.add(new AggCallSpec("SUM", false, 1, -1, "sum_price"));
        List<Field> out = new ArrayList<>(List.of(bigint("auction"), new Field("day", ColumnType.VARCHAR)));
        for (AggCallSpec c : calls) out.add(new Field(c.name(), ColumnType.BIGINT, true));
        Schema output = Schema.of(out.toArray(Field[]::new));
        AggregateLayout layout = new AggregateLayout(new int[] {0, 1}, new int[] {0, 2}, input, output);
        Aggregators aggs = new Aggregators(calls, input);
        operator = new GroupAggregate(layout, aggs, GroupAggregate.newStore(StateBackend.HEAP, "bench-q17", layout, aggs),
                EmitMode.CHANGES, 0);
        in = withDayAndRanks(bids, input, AUCTION, PRICE);
        this.out = new Batch(output, 2 * Fixtures.BATCH_ROWS);
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public int process() {
        if (inputs != null) in = inputs[nextInput++ % inputs.length];
        if (timeColumn >= 0) {
            long[] times = in.longs[timeColumn];
            for (int r = 0; r < in.size; r++) times[r] += span;
            maxTime += span;
        }
        operator.process(in, out);
        if (timeColumn >= 0) operator.onWatermark(maxTime - 4_000, out); // Nexmark's watermark: 4 s behind
        int rows = out.size;
        out.clear();
        return rows;
    }
}
