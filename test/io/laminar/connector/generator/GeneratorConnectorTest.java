package io.laminar.connector.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SourceConnector;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorConnectorTest {
    static final Schema BID = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("bidder", ColumnType.BIGINT),
            new Field("price", ColumnType.BIGINT), new Field("channel", ColumnType.VARCHAR),
            new Field("url", ColumnType.VARCHAR), new Field("dateTime", ColumnType.TIMESTAMP),
            new Field("extra", ColumnType.VARCHAR));
    static final Schema AUCTION = Schema.of(new Field("id", ColumnType.BIGINT),
            new Field("item_name", ColumnType.VARCHAR), new Field("description", ColumnType.VARCHAR),
            new Field("initial_bid", ColumnType.BIGINT), new Field("reserve", ColumnType.BIGINT),
            new Field("date_time", ColumnType.TIMESTAMP), new Field("expires", ColumnType.TIMESTAMP),
            new Field("seller", ColumnType.BIGINT), new Field("category", ColumnType.BIGINT),
            new Field("extra", ColumnType.VARCHAR));
    static final Schema PERSON = Schema.of(new Field("ID", ColumnType.BIGINT), new Field("name", ColumnType.VARCHAR),
            new Field("emailAddress", ColumnType.VARCHAR), new Field("credit_card", ColumnType.VARCHAR),
            new Field("city", ColumnType.VARCHAR), new Field("state", ColumnType.VARCHAR),
            new Field("DATETIME", ColumnType.TIMESTAMP), new Field("extra", ColumnType.VARCHAR));

    static Options options(String... kvs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kvs.length; i += 2) m.put(kvs[i], kvs[i + 1]);
        return new Options("SOURCE s", m);
    }

    static CollectingContext run(Schema schema, Options options) throws Exception {
        SourceConnector source = Connectors.get("generator").createSource("s", schema, options, null);
        CollectingContext ctx = new CollectingContext(schema);
        source.run(ctx);
        return ctx;
    }

    @Test void registeredUnderItsName() {
        assertTrue(Connectors.get("GENERATOR") instanceof GeneratorConnector);
        assertTrue(new GeneratorConnector().optionKeys().containsAll(java.util.Set.of("kind", "table", "events", "rate",
                "event-rate", "first-event-time", "seed")));
    }

    @Test void bidSourceEmitsTheBidsOfTheFirstEventsInOrder() throws Exception {
        CollectingContext ctx = run(BID, options("kind", "nexmark", "table", "bid", "events", "100000"));
        Batch rows = ctx.rows;
        assertEquals(92_000, rows.size);
        assertEquals(92_000, ctx.rowsAdded);
        assertTrue(ctx.flushes >= 1);
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        int r = 0;
        for (long n = 0; n < 100_000; n++) {
            if (NexmarkGenerator.kindOf(n) != NexmarkTable.BID) continue;
            if (n % 997 == 4 || r == rows.size - 1) {
                NexmarkEvent.Bid b = g.bid(n);
                assertEquals(b.auction(), rows.longs[0][r]);
                assertEquals(b.bidder(), rows.longs[1][r]);
                assertEquals(b.price(), rows.longs[2][r]);
                assertEquals(b.channel(), rows.objects[3][r]);
                assertEquals(b.url(), rows.objects[4][r]);
                assertEquals(b.dateTime(), rows.longs[5][r]);
                assertEquals(b.extra(), rows.objects[6][r]);
            }
            r++;
        }
        for (r = 1; r < rows.size; r++) assertTrue(rows.longs[5][r] >= rows.longs[5][r - 1], "in order");
        assertEquals(NexmarkConfig.DEFAULT_FIRST_EVENT_TIME, rows.longs[5][0]);
    }

    @Test void auctionSourceAcceptsSnakeCaseColumns() throws Exception {
        CollectingContext ctx = run(AUCTION, options("table", "auction", "events", "5000", "seed", "7"));
        assertEquals(300, ctx.rows.size);
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT.withSeed(7));
        for (int r = 0; r < 300; r++) {
            long n = (r / 3) * 50L + 1 + r % 3;
            NexmarkEvent.Auction a = g.auction(n);
            assertEquals(1000L + r, ctx.rows.longs[0][r]);
            assertEquals(a, new NexmarkEvent.Auction(n, ctx.rows.longs[0][r], (String) ctx.rows.objects[1][r],
                    (String) ctx.rows.objects[2][r], ctx.rows.longs[3][r], ctx.rows.longs[4][r], ctx.rows.longs[5][r],
                    ctx.rows.longs[6][r], ctx.rows.longs[7][r], ctx.rows.longs[8][r], (String) ctx.rows.objects[9][r]));
        }
    }

    @Test void personSourceWithMixedCaseNames() throws Exception {
        CollectingContext ctx = run(PERSON, options("table", "PERSON", "events", "1001",
                "first-event-time", "2020-01-01T00:00:00Z", "event-rate", "1000"));
        assertEquals(21, ctx.rows.size); // events 0, 50, ..., 1000
        long t0 = java.time.Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        for (int r = 0; r < 21; r++) {
            assertEquals(1000L + r, ctx.rows.longs[0][r]);
            assertEquals(t0 + r * 50L, ctx.rows.longs[6][r]);
        }
        CollectingContext millis = run(PERSON, options("table", "person", "events", "60", "first-event-time", "12345"));
        assertEquals(12345L, millis.rows.longs[6][0]);
        assertEquals(12345L + 5, millis.rows.longs[6][1]);
    }

    @Test void aSubsetOfColumnsInAnyOrder() throws Exception {
        Schema schema = Schema.of(new Field("date_time", ColumnType.TIMESTAMP), new Field("price", ColumnType.BIGINT));
        CollectingContext ctx = run(schema, options("table", "bid", "events", "1000"));
        assertEquals(920, ctx.rows.size);
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        assertEquals(g.bid(4).price(), ctx.rows.longs[1][0]);
        assertEquals(g.bid(4).dateTime(), ctx.rows.longs[0][0]);
    }

    @Test void unknownColumnIsNamedWithTheTableFields() {
        Schema schema = Schema.of(new Field("price", ColumnType.BIGINT), new Field("ts", ColumnType.TIMESTAMP));
        ConnectorException e = assertThrows(ConnectorException.class, () -> new GeneratorConnector()
                .validateSource("bids", schema, options("table", "bid")));
        assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
        assertTrue(e.getMessage().contains("'ts'") && e.getMessage().contains("bids")
                && e.getMessage().contains("auction BIGINT") && e.getMessage().contains("dateTime TIMESTAMP(3)"), e.getMessage());
        assertEquals("ts", e.data().get("column"));
    }

    @Test void wrongTypeAndDuplicateFieldsAreRejected() {
        Schema wrongType = Schema.of(new Field("price", ColumnType.VARCHAR));
        ConnectorException e = assertThrows(ConnectorException.class, () -> new GeneratorConnector()
                .validateSource("bids", wrongType, options("table", "bid")));
        assertEquals(ErrorCode.WRONG_TYPE, e.code());
        assertTrue(e.getMessage().contains("price") && e.getMessage().contains("BIGINT"), e.getMessage());
        Schema twice = Schema.of(new Field("dateTime", ColumnType.TIMESTAMP), new Field("date_time", ColumnType.TIMESTAMP));
        assertThrows(ConnectorException.class, () -> new GeneratorConnector().validateSource("bids", twice,
                options("table", "bid")));
    }

    @Test void badOptionsAreNamed() {
        GeneratorConnector c = new GeneratorConnector();
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("table", new String[] {"kind", "nexmark"});
        cases.put("table ", new String[] {"table", "bids"});
        cases.put("kind", new String[] {"table", "bid", "kind", "tpch"});
        cases.put("events", new String[] {"table", "bid", "events", "-1"});
        cases.put("rate", new String[] {"table", "bid", "rate", "lots"});
        cases.put("event-rate", new String[] {"table", "bid", "event-rate", "0"});
        cases.put("first-event-time", new String[] {"table", "bid", "first-event-time", "yesterday"});
        cases.put("evnets", new String[] {"table", "bid", "evnets", "10"});
        cases.forEach((option, kvs) -> {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> c.validateSource("s", BID, options(kvs)), option);
            assertEquals(ErrorCode.BAD_OPTION, e.code());
            assertTrue(e.getMessage().contains("'" + option.trim() + "'"), e.getMessage());
        });
    }

    @Test void boundedOnlyWithAnEventCount() {
        GeneratorConnector c = new GeneratorConnector();
        assertTrue(c.createSource("s", BID, options("table", "bid", "events", "10"), null).isBounded());
        assertFalse(c.createSource("s", BID, options("table", "bid"), null).isBounded());
        assertFalse(c.createSource("s", BID, options("table", "bid", "events", "0"), null).isBounded());
    }

    @Test void unboundedSourceStopsWhenAsked() throws Exception {
        SourceConnector source = new GeneratorConnector().createSource("s", BID, options("table", "bid"), null);
        CollectingContext ctx = new CollectingContext(BID);
        ctx.stopAfter = rows -> rows >= 50_000;
        source.run(ctx);
        assertTrue(ctx.rowsAdded >= 50_000 && ctx.rowsAdded < 50_000 + NexmarkSource.STOP_CHECK_EVENTS + 1, "rows " + ctx.rowsAdded);
    }

    @Test void pacedSourceKeepsTheWallClockRate() throws Exception {
        // 2,000 stream events at 10,000 events/s: about 0.2 s, 1,840 bids, flushed along the way
        long start = System.nanoTime();
        CollectingContext ctx = run(BID, options("table", "bid", "events", "2000", "rate", "10000"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1840, ctx.rows.size);
        assertTrue(seconds >= 0.19 && seconds < 2.0, "took " + seconds + " s");
        assertTrue(ctx.flushes > 5, "flushes " + ctx.flushes);
        // a paced unbounded source stops promptly even while waiting
        SourceConnector slow = new GeneratorConnector().createSource("s", BID, options("table", "bid", "rate", "1"), null);
        CollectingContext waiting = new CollectingContext(BID);
        Thread t = new Thread(() -> {
            try { slow.run(waiting); } catch (Exception e) { throw new RuntimeException(e); }
        });
        t.start();
        Thread.sleep(100);
        waiting.stopped = true;
        t.join(2000);
        assertFalse(t.isAlive());
        assertEquals(0, waiting.rowsAdded); // event 4, the first bid, is due after 4 s
    }

    @Test void nanosForIsExactAndDoesNotOverflow() {
        assertEquals(0, NexmarkSource.nanosFor(0, 7));
        assertEquals(142_857_142, NexmarkSource.nanosFor(1, 7));
        assertEquals(1_000_000_000L, NexmarkSource.nanosFor(7, 7));
        assertEquals(Long.MAX_VALUE / 1_000_000 * 1000, NexmarkSource.nanosFor(Long.MAX_VALUE / 1_000_000, 1_000_000));
    }

    @Test void generationRate() {
        // Printed, not asserted: bids per second written into batches through the column map.
        Schema numeric = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("bidder", ColumnType.BIGINT),
                new Field("price", ColumnType.BIGINT), new Field("dateTime", ColumnType.TIMESTAMP));
        measure("all 7 bid fields", NexmarkTable.BID.schema());
        measure("auction, bidder, price, dateTime", numeric);
    }

    private static void measure(String what, Schema schema) {
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        int[] map = NexmarkTable.BID.bind("bench", schema);
        Batch batch = new Batch(schema, 4096);
        long checksum = 0;
        for (int round = 0; round < 2; round++) { // round 0 warms up
            long events = round == 0 ? 1_000_000 : 5_000_000;
            long bids = 0;
            long start = System.nanoTime();
            for (long n = 0; n < events; n++) {
                if (batch.size == 4096) {
                    checksum += batch.longs[2][4095];
                    batch.clear();
                }
                if (g.writeBid(n, batch, map)) bids++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round == 1) {
                System.out.printf("Nexmark generator, %s: %,d bids in %.3f s = %,.0f bids/s (%,.0f stream events/s)%n",
                        what, bids, seconds, bids / seconds, events / seconds);
            }
        }
        assertTrue(checksum != 0);
    }
}
