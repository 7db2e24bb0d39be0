package io.laminar.format;

import static org.junit.jupiter.api.Assertions.*;

import io.laminar.ErrorCode;
import io.laminar.connector.Options;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
    static final Schema ALL = Schema.of(
            new Field("b", ColumnType.BOOLEAN), new Field("t", ColumnType.TINYINT), new Field("s", ColumnType.SMALLINT),
            new Field("i", ColumnType.INTEGER), new Field("l", ColumnType.BIGINT), new Field("f", ColumnType.FLOAT),
            new Field("d", ColumnType.DOUBLE), new Field("m", ColumnType.DECIMAL, true, 30, 9),
            new Field("v", ColumnType.VARCHAR), new Field("ts", ColumnType.TIMESTAMP), new Field("dt", ColumnType.DATE),
            new Field("tm", ColumnType.TIME), new Field("iv", ColumnType.INTERVAL_MILLIS),
            new Field("ym", ColumnType.INTERVAL_MONTHS), new Field("bin", ColumnType.VARBINARY));

    static final Options NO_OPTIONS = new Options("SOURCE s", Map.of());

    static Batch decode(Schema schema, String... lines) {
        RowDecoder d = Formats.decoder("json", schema, NO_OPTIONS);
        Batch b = new Batch(schema, 1);
        for (String line : lines) assertTrue(d.decode(line, b));
        return b;
    }

    static DecodeException error(Schema schema, String line) {
        RowDecoder d = Formats.decoder("json", schema, NO_OPTIONS);
        Batch b = new Batch(schema, 4);
        assertTrue(d.decode("{}", b)); // a good row first: it must survive the failure
        DecodeException e = assertThrows(DecodeException.class, () -> d.decode(line, b));
        assertEquals(1, b.size, "a failed decode leaves the batch as it was");
        return e;
    }

    @Test void everyColumnType() {
        Batch b = decode(ALL, "{\"b\":true,\"t\":-5,\"s\":300,\"i\":70000,\"l\":9007199254740993,\"f\":1.5,\"d\":-2.25e3,"
                + "\"m\":12345678901234567890.123456789,\"v\":\"h\\u00e9llo \\\"x\\\"\",\"ts\":\"2026-01-01T00:00:05.123\","
                + "\"dt\":\"2026-01-31\",\"tm\":\"12:30:01.5\",\"iv\":5000,\"ym\":14,\"bin\":\"AQID\"}");
        assertArrayEquals(new Object[] {true, -5, 300, 70000, 9007199254740993L, 1.5, -2250.0,
                new BigDecimal("12345678901234567890.123456789"), "héllo \"x\"", Instant.parse("2026-01-01T00:00:05.123Z"),
                LocalDate.of(2026, 1, 31), LocalTime.of(12, 30, 1, 500_000_000), Duration.ofSeconds(5), 14L, null},
                withoutBinary(b.row(0)));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) b.value(14, 0));
        assertEquals(RowKind.INSERT, b.ops[0]);
    }

    static Object[] withoutBinary(Object[] row) {
        row[14] = null;
        return row;
    }

    @Test void missingKeysAndNullsAreNull() {
        Batch b = decode(ALL, "{}", "{\"b\":null,\"l\":null,\"v\":null,\"ts\":null,\"m\":null,\"d\":null}");
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < ALL.size(); c++) assertNull(b.value(c, r), "column " + c + " row " + r);
        }
    }

    @Test void keysMatchCaseInsensitivelyAndUnknownKeysAreIgnored() {
        Schema s = Schema.of(new Field("Auction", ColumnType.BIGINT), new Field("price", ColumnType.BIGINT));
        Batch b = decode(s, "{\"AUCTION\":1,\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"Price\":7,\"more\":[1]}",
                "{\"auction\":2,\"price\":8}");
        assertArrayEquals(new Object[] {1L, 7L}, b.row(0));
        assertArrayEquals(new Object[] {2L, 8L}, b.row(1));
    }

    @Test void timestampForms() {
        Schema s = Schema.of(new Field("ts", ColumnType.TIMESTAMP));
        long base = Instant.parse("2026-01-01T00:00:05Z").toEpochMilli();
        String[][] cases = {
            {"\"2026-01-01T00:00:05\"", "0"},
            {"\"2026-01-01 00:00:05.123\"", "123"},
            {"\"2026-01-01T00:00:05Z\"", "0"},
            {"\"2026-01-01T02:00:05+02:00\"", "0"},
            {"\"2026-01-01T00:00:05.1\"", "100"},
            {"\"2026-01-01T00:00:05.123456789\"", "123"},
            {"\"2025-12-31T20:00:05-04:00\"", "0"},
            {"\"2026-01-01T01:00:05+0100\"", "0"},
            {"\"2026-01-01T00:00:05Z[UTC]\"", "0"},
            {"\"2026-01-01T01:00:05+01:00[Europe/Paris]\"", "0"},
            {String.valueOf(base), "0"},
            {"\"" + base + "\"", "0"},
            {base + ".0", "0"},
        };
        for (String[] c : cases) {
            Batch b = decode(s, "{\"ts\":" + c[0] + "}");
            assertEquals(base + Long.parseLong(c[1]), b.longs[0][0], c[0]);
        }
        assertEquals(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), decode(s, "{\"ts\":\"2026-01-01\"}").longs[0][0]);
        assertEquals(Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(), decode(s, "{\"ts\":\"1969-12-31T23:59:59.999\"}").longs[0][0]);
        DecodeException e = error(s, "{\"ts\":\"2026-13-01T00:00:00\"}");
        assertTrue(e.reason().contains("column 'ts' expects TIMESTAMP(3)"), e.reason());
        error(s, "{\"ts\":\"yesterday\"}");
        error(s, "{\"ts\":1.5}");
        error(s, "{\"ts\":true}");
    }

    @Test void decimalsKeepPrecisionAndFitTheDeclaredScale() {
        Schema s = Schema.of(new Field("m", ColumnType.DECIMAL, true, 10, 2), new Field("u", ColumnType.DECIMAL));
        Batch b = decode(s, "{\"m\":\"1.5\",\"u\":0.1000000000000000000000001}", "{\"m\":2.345,\"u\":\"1E+3\"}",
                "{\"m\":7,\"u\":7}");
        assertEquals(new BigDecimal("1.50"), b.value(0, 0));
        assertEquals(new BigDecimal("0.1000000000000000000000001"), b.value(1, 0));
        assertEquals(new BigDecimal("2.35"), b.value(0, 1));
        assertEquals(new BigDecimal("1E+3"), b.value(1, 1));
        assertEquals(new BigDecimal("7.00"), b.value(0, 2));
        assertEquals(new BigDecimal("7"), b.value(1, 2));
        DecodeException e = error(s, "{\"m\":123456789.1}");
        assertEquals("column 'm' expects DECIMAL(10, 2), got 123456789.10 (out of range)", e.reason());
        e = error(s, "{\"u\":\"1,5\"}");
        assertEquals("column 'u' expects DECIMAL, got '1,5'", e.reason());
    }

    @Test void typeMismatchesNameTheColumnAndType() {
        DecodeException e = error(ALL, "{\"l\":\"abc\"}");
        assertEquals("column 'l' expects BIGINT, got 'abc'", e.reason());
        assertEquals(ErrorCode.WRONG_TYPE, e.code());
        assertEquals("l", e.data().get("column"));
        assertTrue(e.getMessage().startsWith("LDB-2002: column 'l'"));

        assertEquals("column 'l' expects BIGINT (a whole number), got 1.5", error(ALL, "{\"l\":1.5}").reason());
        assertEquals("column 't' expects TINYINT, got 300 (out of range)", error(ALL, "{\"t\":300}").reason());
        assertEquals("column 'i' expects INTEGER, got 3000000000 (out of range)", error(ALL, "{\"i\":\"3000000000\"}").reason());
        assertEquals("column 'l' expects BIGINT, got 99999999999999999999 (out of range)", error(ALL, "{\"l\":99999999999999999999}").reason());
        assertEquals("column 'b' expects BOOLEAN, got 'yes'", error(ALL, "{\"b\":\"yes\"}").reason());
        assertEquals("column 'b' expects BOOLEAN, got 1", error(ALL, "{\"b\":1}").reason());
        assertEquals("column 'd' expects DOUBLE, got 'x1'", error(ALL, "{\"d\":\"x1\"}").reason());
        assertEquals("column 'l' expects BIGINT, got an object", error(ALL, "{\"l\":{\"a\":1}}").reason());
        assertEquals("column 'l' expects BIGINT, got true", error(ALL, "{\"l\":true}").reason());
        assertTrue(error(ALL, "{\"dt\":\"31/01/2026\"}").reason().startsWith("column 'dt' expects DATE"));
        assertTrue(error(ALL, "{\"tm\":\"25:00\"}").reason().startsWith("column 'tm' expects TIME"));
        assertTrue(error(ALL, "{\"bin\":\"***\"}").reason().startsWith("column 'bin' expects VARBINARY"));
        assertTrue(error(ALL, "{\"l\":\"\"}").reason().startsWith("column 'l' expects BIGINT"));
    }

    @Test void lenientButExactConversions() {
        Batch b = decode(ALL, "{\"l\":\"42\",\"i\":\" 7 \",\"t\":1.0,\"d\":3,\"f\":\"NaN\",\"b\":\"TRUE\",\"v\":12.50,"
                + "\"dt\":20000,\"iv\":\"PT1M\",\"ym\":\"P1Y2M\",\"tm\":1000}");
        assertEquals(42L, b.value(4, 0));
        assertEquals(7, b.value(3, 0));
        assertEquals(1, b.value(1, 0));
        assertEquals(3.0, b.value(6, 0));
        assertTrue(Double.isNaN((Double) b.value(5, 0)));
        assertEquals(true, b.value(0, 0));
        assertEquals("12.50", b.value(8, 0));
        assertEquals(LocalDate.ofEpochDay(20000), b.value(10, 0));
        assertEquals(Duration.ofMinutes(1), b.value(12, 0));
        assertEquals(14L, b.value(13, 0));
        assertEquals(LocalTime.of(0, 0, 1), b.value(11, 0));
    }

    @Test void nestedJsonIntoVarcharKeepsItsText() {
        Schema s = Schema.of(new Field("payload", ColumnType.VARCHAR), new Field("tags", ColumnType.VARCHAR));
        Batch b = decode(s, "{\"payload\": {\"a\": [1, 2], \"b\": \"x\"}, \"tags\": [\"p\", \"q\"]}");
        assertEquals("{\"a\":[1,2],\"b\":\"x\"}", b.value(0, 0));
        assertEquals("[\"p\",\"q\"]", b.value(1, 0));
    }

    @Test void linesThatAreNotObjects() {
        Schema s = Schema.of(new Field("a", ColumnType.BIGINT));
        assertEquals("expected a JSON object, got an array", error(s, "[1,2]").reason());
        assertEquals("expected a JSON object, got a number 42", error(s, "42").reason());
        assertEquals("expected a JSON object, got a string 'x'", error(s, "\"x\"").reason());
        assertTrue(error(s, "hello").reason().startsWith("malformed JSON: Unrecognized token 'hello'"), error(s, "hello").reason());
        assertTrue(error(s, "{\"a\":1").reason().startsWith("malformed JSON"));
        assertTrue(error(s, "{\"a\":1} {\"a\":2}").reason().startsWith("unexpected text after the JSON object"));
        assertEquals(ErrorCode.BAD_ROW, error(s, "[]").code());
    }

    @Test void opKeyBecomesTheRowKind() {
        Schema s = Schema.of(new Field("a", ColumnType.BIGINT));
        Batch b = decode(s, "{\"_op\":\"-U\",\"a\":1}", "{\"a\":2,\"_op\":\"+U\"}", "{\"_op\":\"-D\",\"a\":3}", "{\"a\":4}");
        assertArrayEquals(new byte[] {RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE, RowKind.INSERT},
                java.util.Arrays.copyOf(b.ops, 4));
        assertTrue(error(s, "{\"_op\":\"X\",\"a\":1}").reason().startsWith("_op must be one of"));
        // a schema that declares _op reads it as a column
        Schema withOp = Schema.of(new Field("_op", ColumnType.VARCHAR));
        Batch c = decode(withOp, "{\"_op\":\"-D\"}");
        assertEquals("-D", c.value(0, 0));
        assertEquals(RowKind.INSERT, c.ops[0]);
    }

    @Test void decodesFromASliceOfABuffer() {
        Schema s = Schema.of(new Field("a", ColumnType.BIGINT), new Field("ts", ColumnType.TIMESTAMP));
        char[] buf = "xx{\"a\":1,\"ts\":\"2026-01-01T00:00:00Z\"}yy".toCharArray();
        RowDecoder d = Formats.decoder("json", s, NO_OPTIONS);
        Batch b = new Batch(s, 1);
        d.decode(buf, 2, buf.length - 4, b);
        assertArrayEquals(new Object[] {1L, Instant.parse("2026-01-01T00:00:00Z")}, b.row(0));
    }

    @Test void encoderWritesEveryTypeInSchemaOrder() {
        Batch b = new Batch(ALL, 2);
        int r = b.addRow(RowKind.INSERT);
        Object[] values = {true, (byte) 1, 2, 3, 4L, 1.5, 1e20, new BigDecimal("1.500000000"), "a \"q\"\n\u00e9",
            Instant.parse("2026-01-01T00:00:05Z"), LocalDate.of(2026, 2, 3), LocalTime.of(1, 2, 3), Duration.ofMillis(1500), 3L,
            new byte[] {1, 2, 3}};
        for (int c = 0; c < values.length; c++) b.setValue(c, r, values[c]);
        r = b.addRow(RowKind.INSERT);
        for (int c = 0; c < ALL.size(); c++) b.setNull(c, r);
        RowEncoder e = Formats.encoder("json", ALL, false, NO_OPTIONS);
        assertNull(e.header());
        StringBuilder sb = new StringBuilder();
        e.encode(b, 0, sb);
        assertEquals("{\"b\":true,\"t\":1,\"s\":2,\"i\":3,\"l\":4,\"f\":1.5,\"d\":1.0E20,\"m\":1.500000000,\"v\":\"a \\\"q\\\"\\n\u00e9\","
                + "\"ts\":\"2026-01-01T00:00:05.000\",\"dt\":\"2026-02-03\",\"tm\":\"01:02:03\",\"iv\":1500,\"ym\":3,\"bin\":\"AQID\"}",
                sb.toString());
        sb.setLength(0);
        e.encode(b, 1, sb);
        assertEquals("{\"b\":null,\"t\":null,\"s\":null,\"i\":null,\"l\":null,\"f\":null,\"d\":null,\"m\":null,\"v\":null,"
                + "\"ts\":null,\"dt\":null,\"tm\":null,\"iv\":null,\"ym\":null,\"bin\":null}", sb.toString());

        // and back: the encoded text decodes to the same values
        Batch back = decode(ALL, sb.toString());
        sb.setLength(0);
        e.encode(b, 0, sb);
        back = decode(ALL, sb.toString());
        for (int c = 0; c < ALL.size() - 1; c++) assertEquals(b.value(c, 0), back.value(c, 0), "column " + c);
        assertArrayEquals((byte[]) b.value(14, 0), (byte[]) back.value(14, 0));
    }

    @Test void updatingStreamsLeadWithOp() {
        Schema s = Schema.of(new Field("k", ColumnType.VARCHAR), new Field("n", ColumnType.BIGINT));
        Batch b = new Batch(s, 4);
        byte[] kinds = {RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE};
        for (byte k : kinds) {
            int r = b.addRow(k);
            b.setValue(0, r, "a");
            b.setValue(1, r, (long) k);
        }
        RowEncoder updating = Formats.encoder("json", s, true, NO_OPTIONS);
        RowEncoder append = Formats.encoder("JSON", s, false, NO_OPTIONS);
        List<String> expected = List.of("{\"_op\":\"+I\",\"k\":\"a\",\"n\":0}", "{\"_op\":\"-U\",\"k\":\"a\",\"n\":1}",
                "{\"_op\":\"+U\",\"k\":\"a\",\"n\":2}", "{\"_op\":\"-D\",\"k\":\"a\",\"n\":3}");
        for (int r = 0; r < 4; r++) {
            StringBuilder sb = new StringBuilder();
            updating.encode(b, r, sb);
            assertEquals(expected.get(r), sb.toString());
            sb.setLength(0);
            append.encode(b, r, sb);
            assertEquals("{\"k\":\"a\",\"n\":" + r + "}", sb.toString());
        }
    }

    @Test void nonFiniteDoublesAreWrittenAsStringsAndReadBack() {
        Schema s = Schema.of(new Field("d", ColumnType.DOUBLE));
        Batch b = new Batch(s, 1);
        b.setDouble(0, b.addRow(RowKind.INSERT), Double.POSITIVE_INFINITY);
        StringBuilder sb = new StringBuilder();
        Formats.encoder("json", s, false, NO_OPTIONS).encode(b, 0, sb);
        assertEquals("{\"d\":\"Infinity\"}", sb.toString());
        assertEquals(Double.POSITIVE_INFINITY, decode(s, sb.toString()).value(0, 0));
    }

    @Test void unknownFormatNamesTheObjectAndListsFormats() {
        var e = assertThrows(io.laminar.ConnectorException.class,
                () -> Formats.decoder("xml", ALL, new Options("SOURCE bids", Map.of())));
        assertEquals(ErrorCode.BAD_OPTION, e.code());
        assertTrue(e.getMessage().contains("unknown format 'xml' for SOURCE bids"), e.getMessage());
        assertTrue(e.getMessage().contains("json, csv"), e.getMessage());
        e = assertThrows(io.laminar.ConnectorException.class,
                () -> Formats.encoder("jsn", ALL, false, new Options("SINK out", Map.of())));
        assertTrue(e.getMessage().contains("did you mean json?"), e.getMessage());
        e = assertThrows(io.laminar.ConnectorException.class,
                () -> Formats.decoder("json", ALL, new Options("SOURCE bids", Map.of("csv.header", "true"))));
        assertTrue(e.getMessage().contains("'csv.header' of SOURCE bids applies to format csv only"), e.getMessage());
    }
}
