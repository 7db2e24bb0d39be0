package io.laminar.connector.files;

import static org.junit.jupiter.api.Assertions.*;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SourceConnector;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesSourceTest {
    static final Schema BIDS = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("price", ColumnType.BIGINT),
            new Field("ts", ColumnType.TIMESTAMP));

    @TempDir Path dir;

    static Options opts(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return new Options("SOURCE bids", m);
    }

    static CollectingContext run(Schema schema, Options options) throws Exception {
        SourceConnector s = Connectors.get("files").createSource("bids", schema, options, null);
        assertTrue(s.isBounded());
        CollectingContext ctx = new CollectingContext(schema);
        s.run(ctx);
        return ctx;
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static String bid(long auction, long price) {
        return "{\"auction\":" + auction + ",\"price\":" + price + ",\"ts\":\"2026-01-01T00:00:0" + (auction % 10) + "\"}\n";
    }

    @Test void oneFile() throws Exception {
        Path f = write("bids.jsonl", bid(1, 10) + "\n   \n" + bid(2, 20) + bid(3, 30).trim()); // blank lines, no final newline
        CollectingContext ctx = run(BIDS, opts("path", f.toString()));
        assertEquals(List.of(1L, 2L, 3L), ctx.column(0));
        assertEquals(List.of(10L, 20L, 30L), ctx.column(1));
        assertEquals(Instant.parse("2026-01-01T00:00:02Z"), ctx.rows.value(2, 1));
        assertEquals(3, ctx.rowsAdded);
        assertEquals(1, ctx.flushes);
        assertTrue(ctx.deadLetters.isEmpty());
    }

    @Test void malformedLinesGoToDeadLetterAndTheRestIsRead() throws Exception {
        Path f = write("bids.jsonl", bid(1, 10) + "{\"auction\":\"abc\",\"price\":1}\n" + "not json at all\n\n"
                + bid(2, 20) + "[1,2]\r\n" + bid(3, 30));
        CollectingContext ctx = run(BIDS, opts("path", f.toString()));
        assertEquals(List.of(1L, 2L, 3L), ctx.column(0));
        assertEquals(3, ctx.deadLetters.size());
        var d = ctx.deadLetters.get(0);
        assertEquals(f + ":2", d.origin());
        assertEquals("column 'auction' expects BIGINT, got 'abc'", d.reason());
        assertEquals("{\"auction\":\"abc\",\"price\":1}", d.text());
        assertEquals(f + ":3", ctx.deadLetters.get(1).origin());
        assertTrue(ctx.deadLetters.get(1).reason().startsWith("malformed JSON"));
        assertEquals(f + ":6", ctx.deadLetters.get(2).origin());
        assertEquals("[1,2]", ctx.deadLetters.get(2).text());
    }

    @Test void directoryReadsDataFilesInNameOrder() throws Exception {
        write("in/b.jsonl", bid(3, 30));
        write("in/a.jsonl", bid(1, 10) + bid(2, 20));
        write("in/c.json", bid(4, 40));
        write("in/.hidden.jsonl", bid(99, 99));
        write("in/a.jsonl.errors.jsonl", "{\"origin\":\"x\"}\n");
        write("in/sub/d.jsonl", bid(98, 98));
        CollectingContext ctx = run(BIDS, opts("path", dir.resolve("in").toString(), "format", "json"));
        assertEquals(List.of(1L, 2L, 3L, 4L), ctx.column(0));
        assertEquals(3, ctx.flushes, "flushed at the end of each file");
    }

    @Test void globs() throws Exception {
        write("data/bids-2.jsonl", bid(3, 30));
        write("data/bids-1.jsonl", bid(1, 10) + bid(2, 20));
        write("data/asks-1.jsonl", bid(97, 97));
        write("data/2026/01/bids-3.jsonl", bid(4, 40));
        write("data/bids-1.jsonl.errors.jsonl", "{}\n");
        CollectingContext ctx = run(BIDS, opts("path", dir.resolve("data/bids-*.jsonl").toString()));
        assertEquals(List.of(1L, 2L, 3L), ctx.column(0));
        ctx = run(BIDS, opts("path", dir.resolve("data/**/bids-*.jsonl").toString()));
        assertEquals(List.of(4L, 1L, 2L, 3L), ctx.column(0), "lexicographic path order; ** also matches no directory");
        ctx = run(BIDS, opts("path", dir.resolve("data/*/*/bids-?.jsonl").toString()));
        assertEquals(List.of(4L), ctx.column(0));
    }

    @Test void nothingToReadNamesThePath() {
        String missing = dir.resolve("nope/bids.jsonl").toString();
        ConnectorException e = assertThrows(ConnectorException.class, () -> run(BIDS, opts("path", missing)));
        assertTrue(e.getMessage().contains("'" + missing + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
        String glob = dir.resolve("x-*.jsonl").toString();
        e = assertThrows(ConnectorException.class, () -> run(BIDS, opts("path", glob)));
        assertTrue(e.getMessage().contains("no file matches"), e.getMessage());
    }

    @Test void csvWithHeaderPerFile() throws Exception {
        write("csv/1.csv", "price,auction,ts\r\n10,1,2026-01-01T00:00:01\r\n\"20\",2,\"2026-01-01 00:00:02\"\r\n");
        write("csv/2.csv", "auction;note\n3;\"multi\nline; note\"\n4;x\nfive;y\n");
        CollectingContext ctx = run(BIDS, opts("path", dir.resolve("csv/1.csv").toString(), "csv.header", "true"));
        assertEquals(List.of(1L, 2L), ctx.column(0));
        assertEquals(List.of(10L, 20L), ctx.column(1));
        ctx = run(BIDS, opts("path", dir.resolve("csv/2.csv").toString(), "csv.header", "true", "csv.delimiter", ";"));
        assertEquals(List.of(3L, 4L), ctx.column(0));
        assertEquals(1, ctx.deadLetters.size());
        assertEquals(dir.resolve("csv/2.csv") + ":5", ctx.deadLetters.get(0).origin(), "line numbers count lines inside quotes");
    }

    @Test void csvByPosition() throws Exception {
        Path f = write("bids.csv", "1,10,2026-01-01T00:00:01\n2,20,\n");
        CollectingContext ctx = run(BIDS, opts("path", f.toString()));
        assertEquals(List.of(1L, 2L), ctx.column(0));
        assertNull(ctx.rows.value(2, 1));
    }

    @Test void byteOrderMarkAndGzip() throws Exception {
        Path f = write("bom.jsonl", "\uFEFF" + bid(1, 10));
        assertEquals(List.of(1L), run(BIDS, opts("path", f.toString())).column(0));
        Path gz = dir.resolve("bids.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((bid(5, 50) + bid(6, 60)).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(5L, 6L), run(BIDS, opts("path", gz.toString())).column(0));
    }

    @Test void longLinesAndManyRowsStreamThroughTheBuffer() throws Exception {
        StringBuilder sb = new StringBuilder();
        Schema s = Schema.of(new Field("id", ColumnType.BIGINT), new Field("text", ColumnType.VARCHAR));
        String longText = "x".repeat(FilesSource.BUFFER_CHARS * 2 + 17);
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            sb.append("{\"id\":").append(i).append(",\"text\":\"").append(i == 777 ? longText : "t" + i).append("\"}\r\n");
        }
        Path f = write("many.jsonl", sb.toString());
        CollectingContext ctx = run(s, opts("path", f.toString()));
        assertEquals(n, ctx.rows.size);
        for (int i = 0; i < n; i++) {
            assertEquals((long) i, ctx.rows.value(0, i));
            assertEquals(i == 777 ? longText : "t" + i, ctx.rows.value(1, i));
        }
        assertTrue(ctx.deadLetters.isEmpty());
    }

    @Test void stopsEarlyWhenStopped() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) sb.append(bid(i, i));
        Path f = write("bids.jsonl", sb.toString());
        SourceConnector s = Connectors.get("FILES").createSource("bids", BIDS, opts("path", f.toString()), null);
        CollectingContext ctx = new CollectingContext(BIDS);
        ctx.stopAfter = 1000;
        s.run(ctx);
        assertTrue(ctx.rowsAdded >= 1000 && ctx.rowsAdded < 2000, "stopped soon after being asked: " + ctx.rowsAdded);
    }

    @Test void recordReaderSplitsLinesAcrossFills() throws Exception {
        String text = "a\r\nbb\n\rccc\r\"q\nq\"\n\"r\r\n\"";
        for (int size : new int[] {1, 2, 3, 5, 64}) {
            RecordReader r = new RecordReader(new java.io.StringReader(text), '"', ',', size);
            StringBuilder got = new StringBuilder();
            while (r.next()) got.append(r.line()).append('[').append(r.array(), r.offset(), r.length()).append(']');
            assertEquals("1[a]2[bb]3[]4[ccc]5[\"q\nq\"]7[\"r\r\n\"]", got.toString(), "buffer size " + size);
        }
        // a quote inside an unquoted field is an ordinary character; "" inside a quoted field is an escaped quote
        String csv = "1,5\" screen,x\n2,\"a \"\"b\"\"\nc\",y\n3,\"\",z\n";
        for (int size : new int[] {1, 3, 64}) {
            RecordReader r = new RecordReader(new java.io.StringReader(csv), '"', ',', size);
            StringBuilder got = new StringBuilder();
            while (r.next()) got.append(r.line()).append('[').append(r.array(), r.offset(), r.length()).append(']');
            assertEquals("1[1,5\" screen,x]2[2,\"a \"\"b\"\"\nc\",y]4[3,\"\",z]", got.toString(), "buffer size " + size);
        }
        RecordReader lines = new RecordReader(new java.io.StringReader("a\"\nb"), 4);
        assertTrue(lines.next());
        assertEquals(2, lines.length());
        assertTrue(lines.next());
        assertFalse(lines.next());
    }

    @Test void optionErrors() {
        var files = Connectors.get("FILES");
        var e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("format", "json")));
        assertEquals("LDB-1007: option 'path' of SOURCE bids is required", e.getMessage());
        e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("path", "x.jsonl", "pth", "y")));
        assertTrue(e.getMessage().contains("unknown option 'pth'") && e.getMessage().contains("did you mean 'path'?"), e.getMessage());
        e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("path", "x.jsonl", "csv.headr", "true")));
        assertTrue(e.getMessage().contains("did you mean 'csv.header'?"), e.getMessage());
        e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("path", "data/")));
        assertTrue(e.getMessage().contains("option 'format' of SOURCE bids is required"), e.getMessage());
        e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("path", "x.txt", "format", "parquet")));
        assertTrue(e.getMessage().contains("unknown format 'parquet' for SOURCE bids") && e.getMessage().contains("json, csv"), e.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, e.code());
        e = assertThrows(ConnectorException.class, () -> files.validateSource("bids", BIDS, opts("path", "x.csv", "csv.delimiter", "ab")));
        assertTrue(e.getMessage().contains("'csv.delimiter'"), e.getMessage());
        e = assertThrows(ConnectorException.class, () -> files.validateSink("out", BIDS, opts("path", "out/*.jsonl")));
        assertTrue(e.getMessage().contains("a FILES sink writes one file"), e.getMessage());
        files.validateSource("bids", BIDS, opts("path", "x.CSV", "csv.header", "true", "csv.delimiter", "\\t"));
        files.validateSource("bids", BIDS, opts("path", "data/", "format", "CSV"));
        files.validateSource("bids", BIDS, opts("path", "x.ndjson"));
    }
}
