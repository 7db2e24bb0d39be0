package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing DECIMAL(p, s) columns: the allocation-free unscaled setter, and BigDecimals rounded to the column's scale. */
class ScaledDecimalWriterTest {
    @Test void unscaledSetterAndBigDecimalsLandAtTheColumnsScale() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute("CREATE SOURCE s (k BIGINT, price DECIMAL(10, 2));"
                    + "CREATE MATERIALIZED VIEW v AS SELECT k, price, price * 2 AS twice FROM s");
            try (SourceWriter w = db.writer("s")) {
                w.row().setLong(0, 1).setDecimal(1, 1999).commit();
                w.row().setLong(0, 2).setDecimal(1, Long.MIN_VALUE).commit(); // the spill sentinel as a real value
                w.write(3L, new BigDecimal("1.235"));                        // HALF_UP to the column's scale
                w.write(4L, null);
                w.finish();
            }
            db.awaitIdle();
            List<String> rows = new ArrayList<>();
            for (Object[] r : db.query("SELECT k, price, twice FROM v ORDER BY k").rows()) {
                rows.add(r[0] + " " + plain(r[1]) + " " + plain(r[2]));
            }
            assertEquals(List.of("1 19.99 39.98", "2 -92233720368547758.08 -184467440737095516.16", "3 1.24 2.48",
                    "4 null null"), rows);
        }
    }

    @Test void theWrongSetterNamesTheRightOne() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute("CREATE SOURCE s (k BIGINT, price DECIMAL(10, 2))");
            try (SourceWriter w = db.writer("s")) {
                LaminarException e = assertThrows(LaminarException.class, () -> w.row().setLong(1, 5));
                assertEquals(ErrorCode.WRONG_TYPE, e.code());
                assertTrue(e.getMessage().contains("price") && e.getMessage().contains("setDecimal"), e.getMessage());
                e = assertThrows(LaminarException.class, () -> w.row().setDecimal(0, 5));
                assertTrue(e.getMessage().contains("setLong"), e.getMessage());
            }
        }
    }

    private static String plain(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }
}
