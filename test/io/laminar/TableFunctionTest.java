package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.ColumnType;
import io.laminar.function.FunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User-defined table functions: CROSS JOIN LATERAL TABLE(f(x)) and LEFT JOIN LATERAL TABLE(f(x)) ON TRUE. */
class TableFunctionTest {
    static final String DOCS = "CREATE SOURCE docs (id BIGINT, body VARCHAR, ts TIMESTAMP(3), "
            + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n";

    @BeforeAll static void register() {
        // words of a text with their positions, as arrays
        FunctionRegistry.registerTable("udtf_words", List.of("word", "pos"), List.of(ColumnType.VARCHAR, ColumnType.BIGINT),
                List.of(ColumnType.VARCHAR), args -> {
                    List<Object[]> rows = new ArrayList<>();
                    String[] words = ((String) args[0]).trim().split("\\s+");
                    for (int i = 0; i < words.length; i++) if (!words[i].isEmpty()) rows.add(new Object[] {words[i], i + 1L});
                    return rows;
                });
        // 1..n as maps, to show rows by column name
        FunctionRegistry.registerTable("udtf_range", List.of("n"), List.of(ColumnType.BIGINT), List.of(ColumnType.BIGINT),
                args -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (long i = 1; i <= (Long) args[0]; i++) rows.add(Map.of("n", i));
                    return rows;
                });
    }

    static Object[] doc(long id, String body, String time) {
        return new Object[] {id, body, "2026-01-01 00:00:" + time};
    }

    @Test void crossJoinLateralExpandsEachRowAndFeedsAWindow() {
        try (EngineHarness h = new EngineHarness(2, DOCS + """
                CREATE STREAM words AS SELECT d.id, t.word, t.pos FROM docs AS d
                  CROSS JOIN LATERAL TABLE(udtf_words(LOWER(d.body))) AS t(word, pos) WHERE t.pos <= 3;
                CREATE STREAM counts AS SELECT word, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE((SELECT t.word, d.ts FROM docs AS d
                    CROSS JOIN LATERAL TABLE(udtf_words(LOWER(d.body))) AS t(word, pos)), DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY word, window_start, window_end;
                """).collect("words", "counts")) {
            h.write("docs", true, doc(1, "The cat sat on the mat", "01"), doc(2, "  ", "02"), doc(3, null, "03"),
                    doc(4, "the END", "04"));
            assertEquals(EngineHarness.sortedOf("1, the, 1", "1, cat, 2", "1, sat, 3", "4, the, 1", "4, end, 2"),
                    h.sorted("words"));
            assertEquals(EngineHarness.sortedOf("cat, 2026-01-01 00:00, 1", "end, 2026-01-01 00:00, 1",
                    "mat, 2026-01-01 00:00, 1", "on, 2026-01-01 00:00, 1", "sat, 2026-01-01 00:00, 1",
                    "the, 2026-01-01 00:00, 3"), h.sorted("counts"));
        }
    }

    @Test void leftJoinLateralKeepsRowsWithoutResults() {
        try (EngineHarness h = new EngineHarness(1, DOCS + """
                CREATE STREAM r AS SELECT d.id, t.n FROM docs AS d
                  LEFT JOIN LATERAL TABLE(udtf_range(d.id)) AS t(n) ON TRUE;
                """).collect("r")) {
            h.write("docs", true, doc(2, "x", "01"), doc(0, "y", "02"), doc(1, "z", "03"));
            assertEquals(List.of("2, 1", "2, 2", "0, null", "1, 1"), h.rows("r"));
        }
    }

    @Test void expansionOfAChangelogKeepsRowKinds() {
        try (EngineHarness h = new EngineHarness(1, DOCS + """
                CREATE STREAM latest AS SELECT id, LAST_VALUE(body) AS body FROM docs GROUP BY id;
                CREATE STREAM latest_words AS SELECT l.id, t.word FROM latest AS l
                  CROSS JOIN LATERAL TABLE(udtf_words(l.body)) AS t(word, pos);
                """).collect("latest_words")) {
            h.write("docs", true, doc(1, "a b", "01"), doc(1, "c", "02"));
            assertEquals(List.of("+I 1, a", "+I 1, b", "-U 1, a", "-U 1, b", "+U 1, c"), h.rows("latest_words"));
        }
    }

    @Test void badResultsAndSignaturesAreClearErrors() {
        FunctionRegistry.registerTable("udtf_bad", List.of("a", "b"), List.of(ColumnType.BIGINT, ColumnType.BIGINT),
                List.of(ColumnType.BIGINT), args -> List.of(List.of(1L)));
        try (EngineHarness h = new EngineHarness(1, DOCS)) {
            LaminarException e = assertThrows(LaminarException.class, () -> FunctionRegistry.registerScalar("udtf_words",
                    ColumnType.BIGINT, List.of(ColumnType.BIGINT), args -> 1L));
            assertEquals(ErrorCode.FUNCTION_CONFLICT, e.code());
            assertTrue(e.getMessage().contains("a table function udtf_words(VARCHAR) -> (word VARCHAR, pos BIGINT)"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> FunctionRegistry.registerTable("udtf_none", List.of(),
                    List.of(), List.of(ColumnType.BIGINT), args -> List.of()));
            assertEquals(ErrorCode.FUNCTION_SIGNATURE, e.code());
            String plan = h.db.explain("SELECT d.id, t.a FROM docs AS d CROSS JOIN LATERAL TABLE(udtf_bad(d.id)) AS t(a, b)");
            assertTrue(plan.contains("Lateral(udtf_bad(BIGINT) -> (a BIGINT, b BIGINT) [table]"), plan);
        }
    }
}
