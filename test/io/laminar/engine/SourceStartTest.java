package io.laminar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.Subscription;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code Config.autoStartSources(false)}: no connector runs before {@code startSources()}, and nothing then misses rows. */
class SourceStartTest {
    static final String BIDS = "CREATE SOURCE bid (auction BIGINT, price BIGINT, dateTime TIMESTAMP(3), "
            + "WATERMARK FOR dateTime AS dateTime) FROM GENERATOR (kind = 'nexmark', table = 'bid', events = 50000)";
    static final long BIDS_IN_50000_EVENTS = 46_000;

    @Test void withManualStartEveryStreamDeclaredBeforeTheStartSeesEveryRow() throws Exception {
        try (Laminar db = Laminar.open(new Config().cores(1).autoStartSources(false))) {
            db.execute(BIDS);
            db.execute("CREATE STREAM cheap AS SELECT auction FROM bid WHERE price < 1000000000");
            AtomicLong first = count(db, "cheap");
            db.database().awaitIdle();
            assertEquals(0, first.get(), "no connector runs before startSources()");
            // declared later, in a separate statement: with automatic starts this stream would miss the first rows
            db.execute("CREATE STREAM pricey AS SELECT auction FROM bid WHERE price >= 0");
            AtomicLong second = count(db, "pricey");
            db.startSources();
            db.startSources(); // idempotent
            db.database().awaitBoundedSources(60_000);
            db.database().awaitIdle();
            assertEquals(BIDS_IN_50000_EVENTS, first.get());
            assertEquals(BIDS_IN_50000_EVENTS, second.get());
            // from now on sources start as statements read them, as by default (so a subscription made after the
            // statement may miss the first rows: count what the source took in instead)
            db.execute(BIDS.replace("CREATE SOURCE bid", "CREATE SOURCE bid2"));
            db.execute("CREATE STREAM later_bids AS SELECT auction FROM bid2");
            db.database().awaitBoundedSources(60_000);
            db.database().awaitIdle();
            assertEquals(BIDS_IN_50000_EVENTS, db.database().metrics().get("bid2").get("rows_in"));
        }
    }

    @Test void byDefaultASourceStartsWithItsFirstReader() throws Exception {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute(BIDS);
            db.execute("CREATE STREAM all_bids AS SELECT auction FROM bid");
            db.database().awaitBoundedSources(60_000);
            db.database().awaitIdle();
            assertEquals(BIDS_IN_50000_EVENTS, db.database().metrics().get("bid").get("rows_in"));
        }
    }

    private static AtomicLong count(Laminar db, String stream) {
        AtomicLong n = new AtomicLong();
        db.subscribe(stream, b -> n.addAndGet(b.size), Subscription.Dispatch.DELIVERY_THREAD);
        return n;
    }
}
