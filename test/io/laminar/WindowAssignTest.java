package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A window table function without aggregation copies each row once per window, with window_start/window_end. */
class WindowAssignTest {
    @Test void hopWithoutAggregationListsEveryWindowOfEachRow() {
        try (EngineHarness h = new EngineHarness(1, """
                CREATE SOURCE ev (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
                CREATE STREAM w AS SELECT k, window_start, window_end
                  FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND));
                """).collect("w")) {
            h.write("ev", true, new Object[] {1L, "2026-01-01 00:00:07"});
            assertEquals(EngineHarness.sortedOf(
                    "1, 2026-01-01 00:00, 2026-01-01 00:00:10",
                    "1, 2026-01-01 00:00:05, 2026-01-01 00:00:15"), h.sorted("w"));
        }
    }
}
