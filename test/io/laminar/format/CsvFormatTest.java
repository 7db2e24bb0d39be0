package io.laminar.format;

import static org.junit.jupiter.api.Assertions.*;

import io.laminar.ConnectorException;
import io.laminar.connector.Options;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
    static final Schema BIDS = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("bidder", ColumnType.VARCHAR),
            new Field("price", ColumnType.DECIMAL), new Field("ts", ColumnType.TIMESTAMP));

    static Options opts(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return new Options("SOURCE bids", m);
    }

    static Batch decode(Schema s, Options o, String... records) {
        RowDecoder d = Formats.decoder("csv", s, o);
        d.beginInput();
        Batch b = new Batch(s, 1);
        for (String r : records) d.decode(r, b);
        return b;
    }

    static DecodeException error(Schema s, Options o, String record) {
        RowDecoder d = Formats.decoder("csv", s, o);
        Batch b = new Batch(s, 1);
        return assertThrows(DecodeException.class, () -> d.decode(record, b));
    }

    @Test void byPosition() {
        Batch b = decode(BIDS, opts(), "1,alice,10.50,2026-01-01T00:00:05", "2,bob,3,2026-01-01 00:00:05.123");
        assertArrayEquals(new Object[] {1L, "alice", new BigDecimal("10.50"), Instant.parse("2026-01-01T00:00:05Z")}, b.row(0));
        assertArrayEquals(new Object[] {2L, "bob", new BigDecimal("3"), Instant.parse("2026-01-01T00:00:05.123Z")}, b.row(1));
    }

    @Test void quoting() {
        Batch b = decode(BIDS, opts(),
                "1,\"smith, \"\"the\"\" bidder\",\"1.5\",\"2026-01-01T00:00:05Z\"",
                "2,\"two\nlines\",1,1767225605000",
                "3,\"\",,",
                "4,,\" \",2026-01-01T02:00:05+02:00");
        assertEquals("smith, \"the\" bidder", b.value(1, 0));
        assertEquals(new BigDecimal("1.5"), b.value(2, 0));
        assertEquals("two\nlines", b.value(1, 1));
        assertEquals(Instant.parse("2026-01-01T00:00:05Z"), b.value(3, 1));
        // empty: VARCHAR is the empty string, other columns NULL
        assertArrayEquals(new Object[] {3L, "", null, null}, b.row(2));
        assertArrayEquals(new Object[] {4L, "", null, Instant.parse("2026-01-01T00:00:05Z")}, b.row(3));
    }

    @Test void delimiter() {
        Batch b = decode(BIDS, opts("csv.delimiter", ";"), "1;a,b;2.5;2026-01-01T00:00:05");
        assertArrayEquals(new Object[] {1L, "a,b", new BigDecimal("2.5"), Instant.parse("2026-01-01T00:00:05Z")}, b.row(0));
        b = decode(BIDS, opts("csv.delimiter", "\\t"), "1\t\"x\ty\"\t2\t2026-01-01T00:00:05");
        assertEquals("x\ty", b.value(1, 0));
        assertThrows(ConnectorException.class, () -> Formats.decoder("csv", BIDS, opts("csv.delimiter", ";;")));
        assertThrows(ConnectorException.class, () -> Formats.decoder("csv", BIDS, opts("csv.delimiter", "\"")));
        assertThrows(ConnectorException.class, () -> Formats.decoder("csv", BIDS, opts("csv.header", "yes")));
    }

    @Test void headerMapsColumnsByNamePerInput() {
        RowDecoder d = Formats.decoder("csv", BIDS, opts("csv.header", "true"));
        Batch b = new Batch(BIDS, 1);
        d.beginInput();
        assertFalse(d.decode("PRICE,extra,Auction", b));
        assertTrue(d.decode("2.5,zzz,7", b));
        d.beginInput(); // the next file has its own header
        assertFalse(d.decode("ts,bidder", b));
        assertTrue(d.decode("2026-01-01T00:00:05,carol", b));
        assertArrayEquals(new Object[] {7L, null, new BigDecimal("2.5"), null}, b.row(0));
        assertArrayEquals(new Object[] {null, "carol", null, Instant.parse("2026-01-01T00:00:05Z")}, b.row(1));
        assertEquals(2, b.size);
    }

    @Test void errorsNameTheColumn() {
        DecodeException e = error(BIDS, opts(), "abc,x,1,2026-01-01T00:00:05");
        assertEquals("column 'auction' expects BIGINT, got 'abc'", e.reason());
        assertEquals("column 'price' expects DECIMAL, got 'ten'", error(BIDS, opts(), "1,x,ten,2026-01-01T00:00:05").reason());
        assertTrue(error(BIDS, opts(), "1,x,1,soon").reason().startsWith("column 'ts' expects TIMESTAMP(3)"));
        assertEquals("record has 2 fields, expected 4 (auction, bidder, price, ts)", error(BIDS, opts(), "1,x").reason());
        assertTrue(error(BIDS, opts(), "1,\"x,1,2").reason().startsWith("unterminated quoted field 2"));
        assertTrue(error(BIDS, opts(), "1,\"x\"y,1,2").reason().startsWith("unexpected character 'y' after the closing quote of field 2"));
    }

    @Test void failedRecordLeavesTheBatchAsItWas() {
        RowDecoder d = Formats.decoder("csv", BIDS, opts());
        Batch b = new Batch(BIDS, 1);
        d.decode("1,a,1,2026-01-01T00:00:05", b);
        assertThrows(DecodeException.class, () -> d.decode("2,b,1,never", b));
        assertEquals(1, b.size);
        d.decode("3,c,1,2026-01-01T00:00:05", b);
        assertEquals(3L, b.value(0, 1));
        assertEquals("c", b.value(1, 1));
    }

    @Test void extraFieldsAreIgnoredByPosition() {
        Batch b = decode(BIDS, opts(), "1,a,2,2026-01-01T00:00:05,extra,more");
        assertEquals(4, b.row(0).length);
        assertEquals(1L, b.value(0, 0));
    }

    @Test void encoderQuotesWhenNeededAndWritesOpFirst() {
        Schema s = Schema.of(new Field("k", ColumnType.VARCHAR), new Field("n", ColumnType.BIGINT),
                new Field("ts", ColumnType.TIMESTAMP), new Field("d", ColumnType.DATE), new Field("m", ColumnType.DECIMAL));
        Batch b = new Batch(s, 4);
        int r = b.addRow(RowKind.UPDATE_BEFORE);
        b.setValue(0, r, "a,\"b\"\nc");
        b.setValue(1, r, 5L);
        b.setValue(2, r, Instant.parse("2026-01-01T00:00:05.120Z"));
        b.setValue(3, r, LocalDate.of(2026, 1, 2));
        b.setValue(4, r, new BigDecimal("2.50"));
        r = b.addRow(RowKind.INSERT);
        b.setValue(0, r, "");
        for (int c = 1; c < 5; c++) b.setNull(c, r);

        RowEncoder upd = Formats.encoder("csv", s, true, opts());
        assertEquals("_op,k,n,ts,d,m", upd.header());
        StringBuilder sb = new StringBuilder();
        upd.encode(b, 0, sb);
        assertEquals("-U,\"a,\"\"b\"\"\nc\",5,2026-01-01T00:00:05.120,2026-01-02,2.50", sb.toString());
        sb.setLength(0);
        upd.encode(b, 1, sb);
        assertEquals("+I,\"\",,,,", sb.toString());

        RowEncoder app = Formats.encoder("csv", s, false, opts("csv.delimiter", "-"));
        assertEquals("k-n-ts-d-m", app.header());
        sb.setLength(0);
        app.encode(b, 0, sb);
        assertEquals("\"a,\"\"b\"\"\nc\"-5-\"2026-01-01T00:00:05.120\"-\"2026-01-02\"-2.50", sb.toString());
        assertNull(Formats.encoder("csv", s, false, opts("csv.header", "false")).header());

        // round trip through the decoder (with header, so _op is read back as the row kind)
        RowDecoder d = Formats.decoder("csv", s, opts("csv.header", "true"));
        Batch back = new Batch(s, 1);
        d.beginInput();
        d.decode(upd.header(), back);
        sb.setLength(0);
        upd.encode(b, 0, sb);
        d.decode(sb.toString(), back);
        assertArrayEquals(b.row(0), back.row(0));
        assertEquals(RowKind.UPDATE_BEFORE, back.ops[0]);
    }
}
