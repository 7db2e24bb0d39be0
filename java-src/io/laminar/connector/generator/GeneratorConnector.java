package io.laminar.connector.generator;

import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Options;
import io.laminar.connector.SourceConnector;
import io.laminar.data.Schema;
import io.laminar.data.Values;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * GENERATOR: deterministic synthetic data. Today one kind, the Nexmark person/auction/bid stream.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>kind</td><td>'nexmark'</td><td>the generator; only {@code nexmark} exists</td></tr>
 *   <tr><td>table</td><td>(required)</td><td>{@code bid}, {@code auction} or {@code person}: which events this source
 *       emits; the declared columns must be fields of that table (camelCase or snake_case, any subset, any order)</td></tr>
 *   <tr><td>events</td><td>0</td><td>length of the whole Nexmark stream (all three kinds together) after which the
 *       source ends; 0 = unbounded. A bid source with {@code events = 1000000} emits 920,000 bids</td></tr>
 *   <tr><td>rate</td><td>0</td><td>wall-clock pacing in stream events per second (all kinds counted, so a bid source
 *       at 10000 emits 9,200 bids/s); event {@code n} is due {@code n / rate} s after the start, so pacing never
 *       drifts; 0 = as fast as possible</td></tr>
 *   <tr><td>event-rate</td><td>10000</td><td>events per second of event time (sets {@code dateTime})</td></tr>
 *   <tr><td>first-event-time</td><td>2026-01-01T00:00:00Z</td><td>event time of event 0: ISO-8601 or epoch millis</td></tr>
 *   <tr><td>seed</td><td>0</td><td>varies every random field; kinds, ids of new entities and times do not change</td></tr>
 *   <tr><td>bidder-id-quirk</td><td>true</td><td>reproduce the community generator's bidder ids, which add the first
 *       person id twice (see {@link NexmarkConfig})</td></tr>
 * </table>
 *
 * <pre>{@code
 * CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
 *                    dateTime TIMESTAMP(3), extra VARCHAR,
 *                    WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND)
 *   FROM GENERATOR (kind = 'nexmark', table = 'bid', events = 1000000)
 * }</pre>
 */
public final class GeneratorConnector implements ConnectorFactory {
    private static final Set<String> KEYS = Set.of("kind", "table", "events", "rate", "event-rate",
            "first-event-time", "seed", "bidder-id-quirk");
    /** Highest wall-clock rate accepted; beyond it "as fast as possible" is what happens anyway. */
    static final long MAX_RATE = 1_000_000_000L;

    @Override public String name() { return "GENERATOR"; }

    @Override public Set<String> optionKeys() { return KEYS; }

    @Override public void validateSource(String sourceName, Schema schema, Options options) {
        spec(sourceName, schema, options);
    }

    @Override public SourceConnector createSource(String sourceName, Schema schema, Options options, Path workDir) {
        return new NexmarkSource(spec(sourceName, schema, options));
    }

    /** Everything a Nexmark source needs, checked. */
    record Spec(String sourceName, NexmarkTable table, int[] columnMap, NexmarkConfig config, long events, long rate) {}

    static Spec spec(String sourceName, Schema schema, Options options) {
        options.checkKnown("GENERATOR", KEYS);
        String kind = options.get("kind", "nexmark").trim();
        if (!kind.equalsIgnoreCase("nexmark")) {
            throw options.bad("kind", kind, "must be 'nexmark' (the only generator so far)");
        }
        String tableName = options.required("table");
        NexmarkTable table = NexmarkTable.byName(tableName);
        if (table == null) throw options.bad("table", tableName, "must be 'bid', 'auction' or 'person'");
        long events = options.getLong("events", 0);
        if (events < 0) throw options.bad("events", Long.toString(events), "must be 0 (unbounded) or positive");
        long rate = options.getLong("rate", 0);
        if (rate < 0 || rate > MAX_RATE) {
            throw options.bad("rate", Long.toString(rate), "must be 0 (as fast as possible) or 1 .. " + MAX_RATE + " events/s");
        }
        long eventRate = options.getLong("event-rate", NexmarkConfig.DEFAULT.eventRate());
        if (eventRate <= 0 || eventRate > 1_000_000_000_000L) {
            throw options.bad("event-rate", Long.toString(eventRate), "must be 1 .. 10^12 events per second of event time");
        }
        long firstEventTime = NexmarkConfig.DEFAULT_FIRST_EVENT_TIME;
        if (options.has("first-event-time")) {
            String text = options.get("first-event-time", "");
            try {
                firstEventTime = Values.parseTimestamp(text);
            } catch (IllegalArgumentException e) {
                throw options.bad("first-event-time", text, "must be an ISO-8601 time such as 2026-01-01T00:00:00Z or epoch milliseconds");
            }
        }
        long seed = options.getLong("seed", 0);
        boolean quirk = options.getBoolean("bidder-id-quirk", true);
        NexmarkConfig config = NexmarkConfig.DEFAULT.withEventRate(eventRate).withFirstEventTime(firstEventTime)
                .withSeed(seed).withBidderIdQuirk(quirk);
        int[] map = table.bind(sourceName, schema);
        return new Spec(sourceName, table, map, config, events, rate);
    }

    @Override public String toString() {
        return "#<laminar connector " + name().toLowerCase(Locale.ROOT) + " " + KEYS + ">";
    }
}
