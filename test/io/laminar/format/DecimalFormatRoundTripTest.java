package io.laminar.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.connector.Options;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CSV and JSON encode DECIMAL cells held as scaled longs (printed without a BigDecimal) and spilled ones alike, and
 * decoding the text gives the same values back.
 */
class DecimalFormatRoundTripTest {
    static final Schema SCHEMA = Schema.of(new Field("k", ColumnType.BIGINT), new Field("a", ColumnType.DECIMAL, true, 38, 2),
            new Field("b", ColumnType.DECIMAL, true, 38, 18), new Field("c", ColumnType.DECIMAL, true, 30, 0),
            new Field("o", ColumnType.DECIMAL));

    static Batch randomRows(int n) {
        Random rnd = new Random(41);
        Batch b = new Batch(SCHEMA, 8);
        for (int i = 0; i < n; i++) {
            int r = b.addRow(RowKind.INSERT);
            b.setLong(0, r, i);
            for (int c = 1; c < SCHEMA.size(); c++) {
                if (rnd.nextInt(8) == 0) {
                    b.setNull(c, r);
                    continue;
                }
                BigInteger u = switch (rnd.nextInt(4)) {
                    case 0 -> BigInteger.valueOf(rnd.nextInt(20_001) - 10_000);
                    case 1 -> BigInteger.valueOf(rnd.nextLong());
                    case 2 -> BigInteger.valueOf(Long.MIN_VALUE);
                    default -> new BigInteger(64 + rnd.nextInt(30), rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
                };
                int scale = Math.max(0, SCHEMA.field(c).scale());
                b.setDecimal(c, r, new BigDecimal(u, scale));
            }
        }
        return b;
    }

    private static void roundTrip(String format) {
        Batch in = randomRows(3000);
        Options options = new Options("SINK s", Map.of());
        RowEncoder enc = Formats.encoder(format, SCHEMA, false, options);
        RowDecoder dec = Formats.decoder(format, SCHEMA, new Options("SOURCE s", Map.of()));
        dec.beginInput();
        Batch back = new Batch(SCHEMA, 8);
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < in.size; r++) {
            line.setLength(0);
            enc.encode(in, r, line);
            String text = line.toString().strip();
            dec.decode(text, back);
            for (int c = 1; c < SCHEMA.size(); c++) {
                BigDecimal v = in.decimal(c, r);
                assertEquals(v == null ? null : v.toPlainString(), back.decimal(c, r) == null ? null : back.decimal(c, r).toPlainString(),
                        format + " row " + r + " column " + SCHEMA.field(c).name() + ": " + text);
            }
        }
        assertEquals(in.size, back.size);
    }

    @Test void csv() { roundTrip("csv"); }

    @Test void json() { roundTrip("json"); }
}
