package io.laminar.bench.jmh;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import io.laminar.Subscription;
import io.laminar.connector.generator.NexmarkConfig;
import io.laminar.connector.generator.NexmarkGenerator;
import io.laminar.connector.generator.NexmarkTable;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole path a user runs, per event: Nexmark bids made by Laminar's generator, written through
 * {@link SourceWriter#row()} into a MEMORY source, through the compiled pipeline of Nexmark q0, q1 or q2 (the SQL
 * of {@code bench/src/main/resources/nexmark/laminar/}), to a columnar subscriber that reads every output cell. Each
 * invocation writes {@value #EVENTS} bids and waits until the subscriber has seen the last of them, so
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is the bytes allocated per event by every thread of the process
 * (writer, core, delivery). Run: {@code bin/laminar bench jmh EndToEndBench -prof gc}.
 *
 * <p>{@code dispatch}: {@code CORE_THREAD} calls the subscriber on the core (no copy, no hop);
 * {@code DELIVERY_THREAD} copies each output batch to Ring 1 (the copies are recycled).
 */
@State(Scope.Benchmark)
public class EndToEndBench extends CoreBenchmark {
    static final int EVENTS = 10_000;

    @Param({"q0", "q1", "q2"}) public String query;
    @Param({"CORE_THREAD", "DELIVERY_THREAD"}) public String dispatch;

    private Laminar db;
    private SourceWriter writer;
    private NexmarkGenerator generator;
    private Batch scratch;
    private int[] columns;
    private long next;
    private final AtomicLong inputSeen = new AtomicLong();
    private volatile long checksum;

    static String sql(String query) {
        return switch (query) {
            case "q0" -> "SELECT auction, bidder, price, channel, url, dateTime, extra FROM bid";
            case "q1" -> "SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid";
            case "q2" -> "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
            default -> throw new IllegalArgumentException(query);
        };
    }

    @Setup(Level.Trial) public void open() {
        db = Laminar.open(new Config().cores(1));
        db.execute("CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
                + "dateTime TIMESTAMP(3), extra VARCHAR, WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND)");
        db.execute("CREATE STREAM q_out AS " + sql(query));
        // q2 passes few rows: count input through a second stream so every invocation can wait for its last event
        db.execute("CREATE STREAM seen AS SELECT dateTime FROM bid");
        db.subscribe("q_out", this::read, Subscription.Dispatch.valueOf(dispatch));
        db.subscribe("seen", b -> inputSeen.addAndGet(b.size), Subscription.Dispatch.valueOf(dispatch));
        writer = db.writer("bid");
        generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        Schema bid = NexmarkTable.BID.schema();
        scratch = new Batch(bid, 1);
        columns = NexmarkTable.BID.bind("bid", bid);
    }

    /** Reads every cell of the output, as a real consumer would (longs, and strings/decimals by reference). */
    private void read(Batch b) {
        long sum = 0;
        for (int c = 0; c < b.columnCount(); c++) {
            long[] longs = b.longs[c];
            Object[] objects = b.objects[c];
            for (int r = 0; r < b.size; r++) {
                sum += longs != null ? longs[r] : objects != null && objects[r] != null ? objects[r].hashCode() : 0;
            }
        }
        checksum += sum;
    }

    @TearDown(Level.Trial) public void close() {
        writer.close();
        db.close();
    }

    @Benchmark @OperationsPerInvocation(EVENTS)
    public long writeAndDeliver() {
        long target = inputSeen.get() + EVENTS;
        for (int i = 0; i < EVENTS; i++) {
            long n = NexmarkGenerator.nextEventOf(next, NexmarkTable.BID);
            next = n + 1;
            scratch.clear();
            generator.writeBid(n, scratch, columns);
            writer.row().setLong(0, scratch.longs[0][0]).setLong(1, scratch.longs[1][0]).setLong(2, scratch.longs[2][0])
                    .set(3, scratch.objects[3][0]).set(4, scratch.objects[4][0]).setLong(5, scratch.longs[5][0])
                    .set(6, scratch.objects[6][0]).commit();
        }
        writer.flush();
        while (inputSeen.get() < target) Thread.onSpinWait();
        return checksum;
    }
}
