package io.laminar.connector.generator;

import java.time.Instant;

/**
 * The parameters of a Nexmark event stream. Together with the event number they determine every field of every
 * event, so two generators with equal configs produce identical streams.
 *
 * <table>
 *   <caption>Parameters and defaults</caption>
 *   <tr><th>component</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>firstEventTime</td><td>2026-01-01T00:00:00Z</td><td>event time of event 0, epoch millis</td></tr>
 *   <tr><td>eventRate</td><td>10,000</td><td>events per second of <em>event time</em>: event {@code n} happens at
 *       {@code firstEventTime + floor(n * 1000 / eventRate)} ms (inter-event delay 1e6 / eventRate µs)</td></tr>
 *   <tr><td>firstPersonId / firstAuctionId</td><td>1000 / 1000</td><td>id of the first person / auction</td></tr>
 *   <tr><td>firstCategoryId / numCategories</td><td>10 / 5</td><td>auction categories 10..14</td></tr>
 *   <tr><td>numInFlightAuctions</td><td>100</td><td>how many recent auctions a cold bid may pick from; also sets
 *       the average auction lifetime</td></tr>
 *   <tr><td>numActivePeople</td><td>1000</td><td>how many recent people a cold bidder/seller may be</td></tr>
 *   <tr><td>hotAuctionRatio / hotBiddersRatio / hotSellersRatio</td><td>2 / 4 / 4</td><td>a bid goes to a hot
 *       auction with probability 1 - 1/2, is made by a hot bidder with 1 - 1/4; an auction has a hot seller with
 *       1 - 1/4</td></tr>
 *   <tr><td>avgPersonBytes / avgAuctionBytes / avgBidBytes</td><td>200 / 500 / 100</td><td>the {@code extra} field
 *       pads each event to about this size</td></tr>
 *   <tr><td>seed</td><td>0</td><td>varies every random choice; the event kinds, ids and times do not depend on it</td></tr>
 *   <tr><td>bidderIdQuirk</td><td>true</td><td>reproduce the community generator's bidder ids, which add the first
 *       person id twice (hot bidder 1001 appears as 2001); false gives bidder ids in the person id range</td></tr>
 * </table>
 */
public record NexmarkConfig(
        long firstEventTime,
        long eventRate,
        long firstPersonId,
        long firstAuctionId,
        long firstCategoryId,
        int numCategories,
        int numInFlightAuctions,
        int numActivePeople,
        int hotAuctionRatio,
        int hotBiddersRatio,
        int hotSellersRatio,
        int avgPersonBytes,
        int avgAuctionBytes,
        int avgBidBytes,
        long seed,
        boolean bidderIdQuirk) {

    /** 2026-01-01T00:00:00Z: fixed so that runs are reproducible. */
    public static final long DEFAULT_FIRST_EVENT_TIME = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public static final NexmarkConfig DEFAULT = new NexmarkConfig(DEFAULT_FIRST_EVENT_TIME, 10_000, 1000, 1000, 10, 5,
            100, 1000, 2, 4, 4, 200, 500, 100, 0, true);

    /** Checks every component and names the one that is out of range. */
    public NexmarkConfig {
        positive("eventRate", eventRate);
        if (eventRate > 1_000_000_000_000L) {
            throw new IllegalArgumentException("NexmarkConfig.eventRate must be at most 10^12 events/s (got " + eventRate + ")");
        }
        positive("numCategories", numCategories);
        positive("numInFlightAuctions", numInFlightAuctions);
        positive("numActivePeople", numActivePeople);
        positive("hotAuctionRatio", hotAuctionRatio);
        positive("hotBiddersRatio", hotBiddersRatio);
        positive("hotSellersRatio", hotSellersRatio);
        nonNegative("firstPersonId", firstPersonId);
        nonNegative("firstAuctionId", firstAuctionId);
        nonNegative("firstCategoryId", firstCategoryId);
        nonNegative("avgPersonBytes", avgPersonBytes);
        nonNegative("avgAuctionBytes", avgAuctionBytes);
        nonNegative("avgBidBytes", avgBidBytes);
        if (Math.max(avgPersonBytes, Math.max(avgAuctionBytes, avgBidBytes)) > 1 << 20) {
            throw new IllegalArgumentException("NexmarkConfig: average event sizes must be at most 1 MiB");
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException("NexmarkConfig." + name + " must be positive (got " + v + ")");
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) throw new IllegalArgumentException("NexmarkConfig." + name + " must not be negative (got " + v + ")");
    }

    /** Microseconds of event time between two consecutive events (100 at the default rate). */
    public double interEventDelayMicros() {
        return 1e6 / eventRate;
    }

    /** Event time of event {@code n}: {@code firstEventTime + floor(n * 1000 / eventRate)}, exact for any n. */
    public long eventTime(long n) {
        long whole = n / eventRate;
        long rest = n % eventRate;
        return firstEventTime + whole * 1000 + (rest * 1000) / eventRate;
    }

    public NexmarkConfig withSeed(long newSeed) {
        return new NexmarkConfig(firstEventTime, eventRate, firstPersonId, firstAuctionId, firstCategoryId,
                numCategories, numInFlightAuctions, numActivePeople, hotAuctionRatio, hotBiddersRatio, hotSellersRatio,
                avgPersonBytes, avgAuctionBytes, avgBidBytes, newSeed, bidderIdQuirk);
    }

    public NexmarkConfig withEventRate(long newEventRate) {
        return new NexmarkConfig(firstEventTime, newEventRate, firstPersonId, firstAuctionId, firstCategoryId,
                numCategories, numInFlightAuctions, numActivePeople, hotAuctionRatio, hotBiddersRatio, hotSellersRatio,
                avgPersonBytes, avgAuctionBytes, avgBidBytes, seed, bidderIdQuirk);
    }

    public NexmarkConfig withFirstEventTime(long newFirstEventTime) {
        return new NexmarkConfig(newFirstEventTime, eventRate, firstPersonId, firstAuctionId, firstCategoryId,
                numCategories, numInFlightAuctions, numActivePeople, hotAuctionRatio, hotBiddersRatio, hotSellersRatio,
                avgPersonBytes, avgAuctionBytes, avgBidBytes, seed, bidderIdQuirk);
    }

    public NexmarkConfig withBidderIdQuirk(boolean quirk) {
        return new NexmarkConfig(firstEventTime, eventRate, firstPersonId, firstAuctionId, firstCategoryId,
                numCategories, numInFlightAuctions, numActivePeople, hotAuctionRatio, hotBiddersRatio, hotSellersRatio,
                avgPersonBytes, avgAuctionBytes, avgBidBytes, seed, quirk);
    }
}
