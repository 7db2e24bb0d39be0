package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The KStream-KStream join table of the Kafka Streams join-semantics page (Apache Kafka wiki, "Kafka Streams Join
 * Semantics", the improved left/outer join of 3.1+), reproduced as data: the same two record streams, and after
 * each record, the join results that page says appear at that moment — inner, left and outer.
 *
 * <p>Translation: Kafka's {@code JoinWindows.of(W)} is {@code r.ts BETWEEN l.ts - W AND l.ts + W}; records with a
 * null value take no part in a stream-stream join in Kafka, so each side filters {@code v IS NOT NULL}; Kafka's
 * stream time is the largest timestamp seen by the task, which is one source's watermark with no delay — so both
 * sides are read from one source.
 */
class KafkaStreamsJoinSemanticsTest {
    /** ts, side, value (null: a record with a null value), then the results each join emits at that record. */
    record Step(int ts, String side, String value, List<String> inner, List<String> left, List<String> outer) {}

    static Step step(int ts, String side, String value, List<String> inner, List<String> left, List<String> outer) {
        return new Step(ts, side, value, inner, left, outer);
    }

    /** All records in one window (the page's first table). */
    static final List<Step> ONE_WINDOW = List.of(
            step(1, "L", null, List.of(), List.of(), List.of()),
            step(2, "R", null, List.of(), List.of(), List.of()),
            step(3, "L", "A", List.of(), List.of(), List.of()),
            step(4, "R", "a", List.of("A - a"), List.of("A - a"), List.of("A - a")),
            step(5, "L", "B", List.of("B - a"), List.of("B - a"), List.of("B - a")),
            step(6, "R", "b", List.of("A - b", "B - b"), List.of("A - b", "B - b"), List.of("A - b", "B - b")),
            step(7, "L", null, List.of(), List.of(), List.of()),
            step(8, "R", null, List.of(), List.of(), List.of()),
            step(9, "L", "C", List.of("C - a", "C - b"), List.of("C - a", "C - b"), List.of("C - a", "C - b")),
            step(10, "R", "c", List.of("A - c", "B - c", "C - c"), List.of("A - c", "B - c", "C - c"),
                    List.of("A - c", "B - c", "C - c")),
            step(11, "R", null, List.of(), List.of(), List.of()),
            step(12, "L", null, List.of(), List.of(), List.of()),
            step(13, "R", null, List.of(), List.of(), List.of()),
            step(14, "R", "d", List.of("A - d", "B - d", "C - d"), List.of("A - d", "B - d", "C - d"),
                    List.of("A - d", "B - d", "C - d")),
            step(15, "L", "D", List.of("D - a", "D - b", "D - c", "D - d"), List.of("D - a", "D - b", "D - c", "D - d"),
                    List.of("D - a", "D - b", "D - c", "D - d")));

    /** The continuation with a 10 s window: unmatched rows are emitted once their window has closed. */
    static final List<Step> CLOSING_WINDOWS = List.of(
            step(40, "L", "E", List.of(), List.of(), List.of()),
            step(60, "L", "F", List.of(), List.of("E - null"), List.of("E - null")),
            step(80, "R", "f", List.of(), List.of("F - null"), List.of("F - null")),
            step(100, "L", "G", List.of(), List.of(), List.of("null - f")));

    @Test void oneWindow() {
        check(ONE_WINDOW, 100);
    }

    @Test void closingWindows() {
        check(CLOSING_WINDOWS, 10);
    }

    private static void check(List<Step> steps, int windowSeconds) {
        String join = """
                CREATE STREAM %s AS SELECT l.v AS lv, r.v AS rv FROM l %s JOIN r
                  ON l.k = r.k AND r.ts BETWEEN l.ts - INTERVAL '%d' SECOND AND l.ts + INTERVAL '%d' SECOND;
                """;
        try (EngineHarness h = new EngineHarness(2, """
                CREATE SOURCE events (k BIGINT, side VARCHAR, v VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
                CREATE STREAM l AS SELECT k, v, ts FROM events WHERE side = 'L' AND v IS NOT NULL;
                CREATE STREAM r AS SELECT k, v, ts FROM events WHERE side = 'R' AND v IS NOT NULL;
                """ + join.formatted("inner_join", "INNER", windowSeconds, windowSeconds)
                + join.formatted("left_join", "LEFT", windowSeconds, windowSeconds)
                + join.formatted("outer_join", "FULL", windowSeconds, windowSeconds))
                .collect("inner_join", "left_join", "outer_join")) {
            Map<String, Integer> seen = new LinkedHashMap<>(Map.of("inner_join", 0, "left_join", 0, "outer_join", 0));
            SourceWriter w = h.db.writer("events");
            for (Step s : steps) {
                w.write(new Object[] {1L, s.side, s.value, java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s.ts)});
                w.flush();
                String at = "ts " + s.ts + " (" + s.side + ":" + s.value + ")";
                assertEquals(sorted(s.inner), sorted(news(h, "inner_join", seen)), "inner join at " + at);
                assertEquals(sorted(s.left), sorted(news(h, "left_join", seen)), "left join at " + at);
                assertEquals(sorted(s.outer), sorted(news(h, "outer_join", seen)), "outer join at " + at);
            }
        }
    }

    /** The rows a join emitted since the last call, as the page writes them: "left - right". */
    private static List<String> news(EngineHarness h, String stream, Map<String, Integer> seen) {
        List<String> all = h.rows(stream);
        List<String> out = new ArrayList<>();
        for (String r : all.subList(seen.get(stream), all.size())) out.add(r.replace(", ", " - "));
        seen.put(stream, all.size());
        return out;
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
