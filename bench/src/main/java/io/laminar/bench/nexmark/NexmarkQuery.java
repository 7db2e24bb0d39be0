package io.laminar.bench.nexmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Nexmark queries the harness knows, and each engine's text for them (resources
 * {@code nexmark/<engine>/<query>.sql} or {@code .epl}). An engine's file that has a {@code -- not-run: <reason>} line
 * records why that engine has no text for the query; the harness reports it as that engine's {@code error}.
 * Header comments of the form {@code -- key: value} carry run settings (for Esper, {@code upsert-key-columns}).
 *
 * @param id          {@code q0} .. {@code q22}, plus {@code q5-inner} (q5's HOP count without its join)
 * @param description what the query computes
 * @param deterministic false where results depend on timing (processing-time windows): not compared
 */
record NexmarkQuery(String id, String description, boolean deterministic) {
    static final List<String> ENGINES = List.of("laminar", "flink", "esper");

    static final List<NexmarkQuery> ALL = List.of(
            q("q0", "pass-through of bids"),
            q("q1", "price in euros (0.908 * price, DECIMAL)"),
            q("q2", "bids whose auction % 123 = 0"),
            q("q3", "local item suggestion: auctions in category 10 joined to sellers in OR/ID/CA"),
            q("q4", "average winning bid per category (join + nested aggregate)"),
            q("q5-inner", "bids per auction per HOP window (2 s slide, 10 s size): q5's inner count"),
            q("q5", "hot items: auctions with the most bids per HOP window"),
            q("q6", "average winning price per seller over its last 10 closed auctions (top-N over a changelog)"),
            q("q7", "highest bid per 10 s tumbling window, joined back to the bids"),
            q("q8", "people who opened an auction in the 10 s window they registered in (window join)"),
            q("q9", "winning bid of each auction (top-1)"),
            q("q10", "bids with their day and hour-minute partition columns (DATE_FORMAT)"),
            q("q11", "bids per bidder session (10 s gap)"),
            new NexmarkQuery("q12", "bids per bidder per 10 s processing-time window", false),
            q("q13", "bids joined with a 10,000-row side input by auction % 10000 (lookup join)"),
            q("q14", "CASE on the hour, filter on converted price, count of 'c' in extra"),
            q("q15", "per day: bids, bidders, auctions, split into three price ranks (FILTER, COUNT DISTINCT)"),
            q("q16", "q15 per channel and day, plus the latest minute"),
            q("q17", "per auction and day: counts by price rank, min/max/avg/sum of price"),
            q("q18", "last bid of each (bidder, auction)"),
            q("q19", "top 10 bids per auction"),
            q("q20", "bids joined with their auctions in category 10"),
            q("q21", "channel id from the url by regular expression (or mapped for hot channels)"),
            q("q22", "the first three path components of each url"));

    /** What runs when {@code --queries} is not given: the ones every engine can express today. */
    static final List<String> DEFAULT = List.of("q0", "q1", "q2", "q5-inner", "q11", "q12", "q14", "q15", "q16",
            "q17", "q21", "q22");

    private static final Pattern HEADER = Pattern.compile("^--\\s*([a-z][a-z-]*):\\s*(.*)$", Pattern.MULTILINE);

    private static NexmarkQuery q(String id, String description) {
        return new NexmarkQuery(id, description, true);
    }

    static NexmarkQuery byId(String id) {
        for (NexmarkQuery q : ALL) {
            if (q.id.equalsIgnoreCase(id.trim())) return q;
        }
        return null;
    }

    /** The engine's text for this query, or throws {@link Engine.QueryNotRunnable} with the recorded reason. */
    String text(String engine) throws Engine.QueryNotRunnable {
        String ext = engine.equals("esper") ? ".epl" : ".sql";
        String text = resource("nexmark/" + engine + "/" + id + ext);
        if (text == null) throw new Engine.QueryNotRunnable("no " + engine + " text for " + id + " in the harness");
        String notRun = header(text).get("not-run");
        if (notRun != null) throw new Engine.QueryNotRunnable(notRun);
        return text.contains("${side_input}") ? text.replace("${side_input}", sideInput().toString()) : text;
    }

    /** The {@code -- key: value} comment lines of a query text. */
    static Map<String, String> header(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = HEADER.matcher(text);
        while (m.find()) out.put(m.group(1), m.group(2).trim());
        return out;
    }

    /**
     * q13's side input as CSV, written once per JVM to a temporary file: key 0..9999 and value {@code 'v' || key}
     * (Flink's text derives the same rows in SQL).
     */
    static synchronized java.nio.file.Path sideInput() {
        if (sideInput == null) {
            try {
                java.nio.file.Path p = java.nio.file.Files.createTempFile("nexmark-side-input", ".csv");
                p.toFile().deleteOnExit();
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 10_000; k++) sb.append(k).append(",v").append(k).append('\n');
                java.nio.file.Files.writeString(p, sb);
                sideInput = p;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write q13's side input", e);
            }
        }
        return sideInput;
    }

    private static java.nio.file.Path sideInput;

    static String resource(String path) {
        try (InputStream in = NexmarkQuery.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }
}
