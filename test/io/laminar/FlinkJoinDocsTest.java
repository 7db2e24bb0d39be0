package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worked example of Flink's temporal-join documentation (Orders converted with the RatesHistory rate valid at
 * each order's time; "Joins in Continuous Queries"), reproduced as data, written the way Flink SQL writes an
 * event-time temporal join. Run on 1 and 2 cores.
 */
class FlinkJoinDocsTest {
    static final String TABLES = """
        CREATE SOURCE Orders (rowtime TIMESTAMP(3), amount BIGINT, currency VARCHAR,
            WATERMARK FOR rowtime AS rowtime);
        CREATE SOURCE RatesHistory (rowtime TIMESTAMP(3), currency VARCHAR, rate BIGINT,
            WATERMARK FOR rowtime AS rowtime);
        """;

    static Object[] at(String time, Object... values) {
        Object[] row = new Object[values.length + 1];
        row[0] = "2026-01-01 " + time + ":00";
        System.arraycopy(values, 0, row, 1, values.length);
        return row;
    }

    @ParameterizedTest @ValueSource(ints = {1, 2})
    void ordersAtTheRateOfTheirTime(int cores) {
        try (EngineHarness h = new EngineHarness(cores, TABLES + """
                CREATE STREAM converted AS SELECT o.rowtime, o.amount * r.rate AS amount
                  FROM Orders AS o JOIN RatesHistory FOR SYSTEM_TIME AS OF o.rowtime AS r ON r.currency = o.currency;
                """).collect("converted")) {
            h.write("RatesHistory", true,
                    at("09:00", "US Dollar", 102L), at("09:00", "Euro", 114L), at("09:00", "Yen", 1L),
                    at("10:45", "Euro", 116L), at("11:15", "Euro", 119L), at("11:49", "Pounds", 108L));
            h.write("Orders", true,
                    at("10:15", 2L, "Euro"), at("10:30", 1L, "US Dollar"), at("10:32", 50L, "Yen"),
                    at("10:52", 3L, "Euro"), at("11:04", 5L, "US Dollar"));
            assertEquals(EngineHarness.sortedOf(
                    "2026-01-01 10:15, 228",   // 2 Euro at 114
                    "2026-01-01 10:30, 102",   // 1 US Dollar at 102
                    "2026-01-01 10:32, 50",    // 50 Yen at 1
                    "2026-01-01 10:52, 348",   // 3 Euro at 116 (changed at 10:45)
                    "2026-01-01 11:04, 510"),  // 5 US Dollar at 102
                    h.sorted("converted"));
        }
    }
}
