package io.laminar.connector.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {
    static final int N = 100_000;
    static final NexmarkConfig CONFIG = NexmarkConfig.DEFAULT;
    static final Pattern URL = Pattern.compile(
            "https://www\\.nexmark\\.com/[a-z_]{3,4}/[a-z_]{3,4}/[a-z_]{3,4}/item\\.htm\\?query=1(&channel_id=(\\d+))?");

    static List<NexmarkEvent> events(NexmarkGenerator g, long from, long to) {
        List<NexmarkEvent> out = new ArrayList<>();
        for (long n = from; n < to; n++) out.add(g.event(n));
        return out;
    }

    @Test void sameConfigGivesIdenticalEvents() {
        assertEquals(events(new NexmarkGenerator(CONFIG), 0, 5000), events(new NexmarkGenerator(CONFIG), 0, 5000));
    }

    @Test void anEventGeneratedAloneEqualsTheSameEventInASequentialRun() {
        List<NexmarkEvent> sequential = events(new NexmarkGenerator(CONFIG), 0, 3000);
        NexmarkGenerator fresh = new NexmarkGenerator(CONFIG);
        for (long n : new long[] {2999, 0, 1, 4, 1234, 50, 53, 777, 2}) {
            assertEquals(sequential.get((int) n), fresh.event(n), "event " + n);
            assertEquals(sequential.get((int) n), new NexmarkGenerator(CONFIG).event(n), "event " + n);
        }
    }

    @Test void batchRowsEqualTheValueViewWhateverColumnsAreAsked() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        // only price and extra, in reverse order, into a 2-column batch
        io.laminar.data.Schema schema = io.laminar.data.Schema.of(
                new io.laminar.data.Field("extra", io.laminar.data.ColumnType.VARCHAR),
                new io.laminar.data.Field("price", io.laminar.data.ColumnType.BIGINT));
        int[] map = NexmarkTable.BID.bind("bid", schema);
        Batch b = new Batch(schema, 16);
        for (long n = 0; n < 500; n++) {
            boolean wrote = g.writeBid(n, b, map);
            assertEquals(NexmarkGenerator.kindOf(n) == NexmarkTable.BID, wrote);
            if (wrote) {
                NexmarkEvent.Bid bid = new NexmarkGenerator(CONFIG).bid(n);
                assertEquals(bid.extra(), b.objects[0][b.size - 1]);
                assertEquals(bid.price(), b.longs[1][b.size - 1]);
            }
        }
        assertEquals(NexmarkGenerator.countOf(500, NexmarkTable.BID), b.size);
    }

    @Test void seedChangesValuesButNotStructure() {
        NexmarkGenerator a = new NexmarkGenerator(CONFIG);
        NexmarkGenerator b = new NexmarkGenerator(CONFIG.withSeed(42));
        int samePrice = 0;
        for (long n = 0; n < 1000; n++) {
            NexmarkEvent x = a.event(n), y = b.event(n);
            assertEquals(x.table(), y.table());
            assertEquals(x.dateTime(), y.dateTime());
            if (x instanceof NexmarkEvent.Bid bx && bx.price() == ((NexmarkEvent.Bid) y).price()) samePrice++;
            if (x instanceof NexmarkEvent.Person px) assertEquals(px.id(), ((NexmarkEvent.Person) y).id());
            if (x instanceof NexmarkEvent.Auction ax) assertEquals(ax.id(), ((NexmarkEvent.Auction) y).id());
        }
        assertTrue(samePrice < 20, "prices should differ between seeds, " + samePrice + " equal");
        assertNotEquals(events(a, 0, 100), events(b, 0, 100));
    }

    @Test void mixIsExactlyOneThreeFortySixPerFiftyEvents() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        for (long epoch = 0; epoch < 200; epoch++) {
            int p = 0, a = 0, b = 0;
            for (long n = epoch * 50; n < epoch * 50 + 50; n++) {
                switch (g.event(n)) {
                    case NexmarkEvent.Person x -> p++;
                    case NexmarkEvent.Auction x -> a++;
                    case NexmarkEvent.Bid x -> b++;
                }
            }
            assertEquals(List.of(1, 3, 46), List.of(p, a, b), "epoch " + epoch);
        }
        assertEquals(NexmarkTable.PERSON, NexmarkGenerator.kindOf(0));
        assertEquals(NexmarkTable.AUCTION, NexmarkGenerator.kindOf(1));
        assertEquals(NexmarkTable.AUCTION, NexmarkGenerator.kindOf(3));
        assertEquals(NexmarkTable.BID, NexmarkGenerator.kindOf(4));
        assertEquals(NexmarkTable.BID, NexmarkGenerator.kindOf(49));
        assertEquals(NexmarkTable.PERSON, NexmarkGenerator.kindOf(50));
    }

    @Test void nextEventOfAndCountOfAgreeWithKindOf() {
        for (NexmarkTable t : NexmarkTable.values()) {
            long count = 0;
            for (long n = 0; n < 1000; n++) {
                long expected = n;
                while (NexmarkGenerator.kindOf(expected) != t) expected++;
                assertEquals(expected, NexmarkGenerator.nextEventOf(n, t), t + " from " + n);
                assertEquals(count, NexmarkGenerator.countOf(n, t), t + " count below " + n);
                if (NexmarkGenerator.kindOf(n) == t) count++;
            }
        }
        assertEquals(920_000, NexmarkGenerator.countOf(1_000_000, NexmarkTable.BID));
        assertEquals(60_000, NexmarkGenerator.countOf(1_000_000, NexmarkTable.AUCTION));
        assertEquals(20_000, NexmarkGenerator.countOf(1_000_000, NexmarkTable.PERSON));
    }

    @Test void idsStartAtTheFirstIdsAndIncreaseByOne() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        long nextPerson = 1000, nextAuction = 1000;
        for (long n = 0; n < 20_000; n++) {
            NexmarkEvent e = g.event(n);
            if (e instanceof NexmarkEvent.Person p) assertEquals(nextPerson++, p.id());
            if (e instanceof NexmarkEvent.Auction a) {
                assertEquals(nextAuction++, a.id());
                assertTrue(a.category() >= 10 && a.category() < 15, "category " + a.category());
                assertTrue(a.seller() >= 1000 && a.seller() < nextPerson + 10, "seller " + a.seller());
                assertTrue(a.reserve() > a.initialBid());
                assertTrue(a.initialBid() >= 100);
                long horizon = CONFIG.eventTime(n + 100 * 50 / 3) - a.dateTime();
                assertTrue(a.expires() > a.dateTime() && a.expires() <= a.dateTime() + 2 * horizon, "expires");
            }
            if (e instanceof NexmarkEvent.Bid b) {
                long lastAuction = nextAuction - 1;
                assertTrue(b.auction() >= Math.max(1000, lastAuction - 100) && b.auction() <= lastAuction + 10,
                        "auction " + b.auction() + " with last auction " + lastAuction);
                long lastPerson = nextPerson - 1;
                long base0 = b.bidder() - 2000; // the reference's +1000 twice
                assertTrue(base0 >= Math.max(0, lastPerson - 1000 - 999) && base0 <= lastPerson - 1000 + 10,
                        "bidder " + b.bidder() + " with last person " + lastPerson);
            }
        }
        assertEquals(1000, g.person(0).id());
        assertEquals(1000, g.auction(1).id());
        assertEquals(1002, g.auction(3).id());
        assertEquals(1003, g.auction(51).id());
        assertEquals(1001, g.person(50).id());
        assertThrows(IllegalArgumentException.class, () -> g.bid(0));
    }

    @Test void bidderIdQuirkCanBeTurnedOff() {
        NexmarkGenerator quirk = new NexmarkGenerator(CONFIG);
        NexmarkGenerator plain = new NexmarkGenerator(CONFIG.withBidderIdQuirk(false));
        for (long n = 4; n < 2000; n = NexmarkGenerator.nextEventOf(n + 1, NexmarkTable.BID)) {
            assertEquals(quirk.bid(n).bidder() - 1000, plain.bid(n).bidder());
        }
        // the hot bidder of the first group: base-0 person 1
        assertEquals(2001, mostCommon(quirk, 4, 5000));
        assertEquals(1001, mostCommon(plain, 4, 5000));
    }

    private static long mostCommon(NexmarkGenerator g, long from, long to) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long n = from; n < to; n++) {
            if (g.event(n) instanceof NexmarkEvent.Bid b) counts.merge(b.bidder(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test void hotKeysAreSkewedAsSpecified() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        int bids = 0, hotAuction = 0, hotBidder = 0, hotChannel = 0, auctions = 0, hotSeller = 0;
        Map<String, Integer> hotChannels = new HashMap<>();
        for (long n = 0; n < N; n++) {
            NexmarkEvent e = g.event(n);
            if (e instanceof NexmarkEvent.Bid b) {
                bids++;
                if (b.auction() == (NexmarkGenerator.lastAuctionBase0(n) / 100) * 100 + 1000) hotAuction++;
                if (b.bidder() == (NexmarkGenerator.lastPersonBase0(n) / 100) * 100 + 1 + 2000) hotBidder++;
                if (!b.channel().startsWith("channel-")) {
                    hotChannel++;
                    hotChannels.merge(b.channel(), 1, Integer::sum);
                }
            } else if (e instanceof NexmarkEvent.Auction a) {
                auctions++;
                if (a.seller() == (NexmarkGenerator.lastPersonBase0(n) / 100) * 100 + 1000) hotSeller++;
            }
        }
        assertEquals(N * 46 / 50, bids);
        // hot share is 1 - 1/ratio, plus the odd cold pick landing on the hot id
        assertBetween("hot auction share", hotAuction / (double) bids, 0.49, 0.53);
        assertBetween("hot bidder share", hotBidder / (double) bids, 0.74, 0.77);
        assertBetween("hot seller share", hotSeller / (double) auctions, 0.72, 0.79);
        assertBetween("hot channel share", hotChannel / (double) bids, 0.49, 0.51);
        assertEquals(Set.of("Google", "Facebook", "Baidu", "Apple"), hotChannels.keySet());
        for (int c : hotChannels.values()) assertBetween("one hot channel", c / (double) bids, 0.115, 0.135);
    }

    @Test void pricesFollowTenToTheSixUTimesHundred() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        long min = Long.MAX_VALUE, max = 0;
        int bids = 0, belowMedian = 0, belowThousand = 0;
        for (long n = 0; n < N; n++) {
            if (g.event(n) instanceof NexmarkEvent.Bid b) {
                bids++;
                min = Math.min(min, b.price());
                max = Math.max(max, b.price());
                if (b.price() < 100_000) belowMedian++; // u < 1/2
                if (b.price() < 1000) belowThousand++; // u < 1/6
            }
        }
        assertTrue(min >= 100 && min < 110, "min price " + min);
        assertTrue(max <= 100_000_000 && max > 80_000_000, "max price " + max);
        assertBetween("share below 10^5", belowMedian / (double) bids, 0.49, 0.51);
        assertBetween("share below 10^3", belowThousand / (double) bids, 1 / 6.0 - 0.01, 1 / 6.0 + 0.01);
    }

    @Test void channelsAndUrlsHaveTheCommunityFormat() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        Map<String, String> urlOfChannel = new HashMap<>();
        Set<String> coldChannels = new HashSet<>();
        int withId = 0;
        for (long n = 0; n < N; n++) {
            if (!(g.event(n) instanceof NexmarkEvent.Bid b)) continue;
            Matcher m = URL.matcher(b.url());
            assertTrue(m.matches(), "url " + b.url());
            String previous = urlOfChannel.putIfAbsent(b.channel(), b.url());
            if (previous != null) assertEquals(previous, b.url(), "a channel keeps its url");
            if (b.channel().startsWith("channel-")) {
                int k = Integer.parseInt(b.channel().substring("channel-".length()));
                assertTrue(k >= 0 && k < 10_000);
                if (coldChannels.add(b.channel()) && m.group(2) != null) {
                    withId++;
                    assertEquals(Math.abs((long) Integer.reverse(k)), Long.parseLong(m.group(2)));
                }
            } else {
                assertEquals(null, m.group(1), "hot channels carry no channel_id: " + b.url());
            }
        }
        assertTrue(coldChannels.size() > 9000, "distinct cold channels " + coldChannels.size());
        assertBetween("cold channels with a channel_id", withId / (double) coldChannels.size(), 0.88, 0.92);
    }

    @Test void eventTimeIsFirstPlusNTimesDelay() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        long first = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (long n = 0; n < 10_000; n++) {
            assertEquals(first + (n * 100) / 1000, g.event(n).dateTime(), "event " + n);
        }
        assertEquals(100.0, CONFIG.interEventDelayMicros());
        NexmarkConfig odd = CONFIG.withEventRate(3).withFirstEventTime(0);
        assertEquals(0, odd.eventTime(0));
        assertEquals(333, odd.eventTime(1));
        assertEquals(666, odd.eventTime(2));
        assertEquals(1000, odd.eventTime(3));
        // exact for large n: floor(n * 1000 / 3) with no rounding error
        assertEquals(333_333_333_333_333L, odd.eventTime(1_000_000_000_000L));
        assertEquals(333_333_333_333_666L, odd.eventTime(1_000_000_000_001L));
    }

    @Test void theGeneratorsRememberedTimeRangesGiveTheConfigsTimeInAnyOrderAtAnyRate() {
        java.util.Random rnd = new java.util.Random(3);
        for (long rate : new long[] {1, 3, 7, 999, 1000, 1001, 10_000, 999_983, 1_000_000_000L}) {
            NexmarkConfig config = CONFIG.withEventRate(rate);
            NexmarkGenerator g = new NexmarkGenerator(config);
            for (long n = 0; n < 20_000; n++) assertEquals(config.eventTime(n), g.eventTime(n), "event " + n + " at rate " + rate);
            for (int i = 0; i < 20_000; i++) { // jumps, steps back, neighbours of range ends
                long n = switch (i % 3) {
                    case 0 -> rnd.nextLong(1L << 40);
                    case 1 -> rate * rnd.nextInt(1000) + rnd.nextInt(3) - 1;
                    default -> rnd.nextInt(5000);
                };
                if (n < 0) continue;
                assertEquals(config.eventTime(n), g.eventTime(n), "event " + n + " at rate " + rate);
            }
        }
    }

    @Test void personFieldsHaveTheirFormats() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        Set<String> states = new HashSet<>(), cities = new HashSet<>();
        long totalSize = 0;
        int persons = 0;
        for (long n = 0; n < N; n += 50) {
            NexmarkEvent.Person p = g.person(n);
            persons++;
            assertTrue(p.name().matches("[A-Z][a-z]+ [A-Z][a-z]+"), p.name());
            assertTrue(p.emailAddress().matches("([a-z]([a-z ]*[a-z])?)?@([a-z]([a-z ]*[a-z])?)?\\.com"), p.emailAddress());
            assertTrue(p.creditCard().matches("\\d{4} \\d{4} \\d{4} \\d{4}"), p.creditCard());
            states.add(p.state());
            cities.add(p.city());
            totalSize += 8 + p.name().length() + p.emailAddress().length() + p.creditCard().length()
                    + p.city().length() + p.state().length() + p.extra().length();
        }
        assertEquals(Set.of("AZ", "CA", "ID", "OR", "WA", "WY"), states);
        assertEquals(Set.copyOf(Arrays.asList(NexmarkGenerator.US_CITIES)), cities);
        assertBetween("average person size", totalSize / (double) persons, 195, 205);
    }

    @Test void extraPadsToTheAverageSizes() {
        NexmarkGenerator g = new NexmarkGenerator(CONFIG);
        long bidBytes = 0, auctionBytes = 0;
        int bids = 0, auctions = 0;
        for (long n = 0; n < N; n++) {
            NexmarkEvent e = g.event(n);
            if (e instanceof NexmarkEvent.Bid b) {
                bids++;
                assertTrue(b.extra().matches("[a-z]*"));
                bidBytes += 32 + b.extra().length();
            } else if (e instanceof NexmarkEvent.Auction a) {
                auctions++;
                assertTrue(a.itemName().length() <= 19 && a.description().length() <= 99);
                auctionBytes += 8 + a.itemName().length() + a.description().length() + 40 + a.extra().length();
            }
        }
        assertBetween("average bid size", bidBytes / (double) bids, 99, 101);
        assertBetween("average auction size", auctionBytes / (double) auctions, 495, 505);
    }

    @Test void configRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withEventRate(0));
        assertTrue(e.getMessage().contains("eventRate"), e.getMessage());
    }

    static void assertBetween(String what, double value, double low, double high) {
        assertTrue(value >= low && value <= high, what + " = " + value + ", expected within [" + low + ", " + high + "]");
    }
}
