package io.laminar.connector.files;

import static org.junit.jupiter.api.Assertions.*;

import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesSinkTest {
    static final Schema S = Schema.of(new Field("id", ColumnType.BIGINT), new Field("name", ColumnType.VARCHAR),
            new Field("amount", ColumnType.DECIMAL, true, 12, 2), new Field("ratio", ColumnType.DOUBLE),
            new Field("ts", ColumnType.TIMESTAMP), new Field("day", ColumnType.DATE), new Field("ok", ColumnType.BOOLEAN));

    @TempDir Path dir;

    static Options opts(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return new Options("SINK out", m);
    }

    static Batch rows(byte... kinds) {
        Batch b = new Batch(S, 2);
        for (int i = 0; i < kinds.length; i++) {
            int r = b.addRow(kinds[i]);
            b.setValue(0, r, (long) i);
            b.setValue(1, r, i == 1 ? "comma, \"quote\"\nnewline" : "n" + i);
            b.setValue(2, r, new BigDecimal(i + ".50"));
            b.setValue(3, r, i / 3.0);
            b.setValue(4, r, Instant.parse("2026-01-01T00:00:05.123Z").plusSeconds(i));
            b.setValue(5, r, LocalDate.of(2026, 1, 1 + i));
            b.setValue(6, r, i % 2 == 0);
        }
        int r = b.addRow(RowKind.INSERT); // a row of NULLs (VARCHAR: an empty string, which CSV keeps apart from NULL)
        for (int c = 0; c < S.size(); c++) b.setNull(c, r);
        b.setValue(1, r, "");
        return b;
    }

    void roundTrip(String file, boolean updating, String... extra) throws Exception {
        Path path = dir.resolve("deep/er/" + file);
        String[] kv = new String[extra.length + 2];
        kv[0] = "path";
        kv[1] = path.toString();
        System.arraycopy(extra, 0, kv, 2, extra.length);
        Batch in = updating ? rows(RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE)
                : rows(RowKind.INSERT, RowKind.INSERT, RowKind.INSERT);
        SinkConnector sink = Connectors.get("FILES").createSink("out", S, updating, opts(kv), dir);
        sink.write(in);
        sink.flush();
        assertTrue(Files.size(path) > 0, "flush makes the rows visible");
        sink.close();

        Map<String, String> readOpts = new HashMap<>(opts(kv).asMap());
        if (file.endsWith(".csv")) readOpts.put("csv.header", "true");
        CollectingContext ctx = new CollectingContext(S);
        Connectors.get("FILES").createSource("back", S, new Options("SOURCE back", readOpts), dir).run(ctx);
        assertTrue(ctx.deadLetters.isEmpty(), ctx.deadLetters.toString());
        assertEquals(in.size, ctx.rows.size);
        for (int r = 0; r < in.size; r++) {
            assertArrayEquals(in.row(r), ctx.rows.row(r), "row " + r);
            assertEquals(in.ops[r], ctx.rows.ops[r], "row kind " + r);
        }

        String text = file.endsWith(".gz")
                ? new String(new java.util.zip.GZIPInputStream(Files.newInputStream(path)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : Files.readString(path);
        assertEquals(updating, text.contains("_op"), text);
    }

    @Test void jsonRoundTrip() throws Exception {
        roundTrip("out.jsonl", false);
    }

    @Test void jsonRoundTripUpdating() throws Exception {
        roundTrip("out.jsonl", true);
    }

    @Test void csvRoundTrip() throws Exception {
        roundTrip("out.csv", false);
        roundTrip("semi.csv", true, "csv.delimiter", ";");
    }

    @Test void gzipRoundTrip() throws Exception {
        roundTrip("out.jsonl.gz", true);
    }

    @Test void writesWhatItIsGiven() throws Exception {
        Path path = dir.resolve("out.jsonl");
        SinkConnector sink = Connectors.get("FILES").createSink("out", S, true, opts("path", path.toString()), dir);
        Batch b = rows(RowKind.UPDATE_AFTER);
        sink.write(b);
        sink.close();
        List<String> lines = Files.readAllLines(path);
        assertEquals("{\"_op\":\"+U\",\"id\":0,\"name\":\"n0\",\"amount\":0.50,\"ratio\":0.0,\"ts\":\"2026-01-01T00:00:05.123\","
                + "\"day\":\"2026-01-01\",\"ok\":true}", lines.get(0));
        assertEquals("{\"_op\":\"+I\",\"id\":null,\"name\":\"\",\"amount\":null,\"ratio\":null,\"ts\":null,\"day\":null,\"ok\":null}",
                lines.get(1));

        Path csv = dir.resolve("out.csv");
        sink = Connectors.get("FILES").createSink("out", S, false, opts("path", csv.toString()), dir);
        sink.write(b);
        sink.close();
        assertEquals(List.of("id,name,amount,ratio,ts,day,ok", "0,n0,0.50,0.0,2026-01-01T00:00:05.123,2026-01-01,true", ",\"\",,,,,"),
                Files.readAllLines(csv));
    }

    @Test void manyBatchesAreChunked() throws Exception {
        Path path = dir.resolve("many.jsonl");
        SinkConnector sink = Connectors.get("FILES").createSink("out", S, false, opts("path", path.toString()), dir);
        Batch b = rows(RowKind.INSERT, RowKind.INSERT, RowKind.INSERT);
        for (int i = 0; i < 5000; i++) sink.write(b);
        sink.flush();
        sink.close();
        sink.close(); // idempotent
        assertEquals(5000 * b.size, Files.readAllLines(path).size());
    }
}
