package io.laminar.connector.files;

import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: rows per second of the FILES source and sink on a generated Nexmark-like bid file.
 * {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.laminar.connector.files.FilesSourceBench [rows] [json|csv]}
 */
public final class FilesSourceBench {
    static final Schema BIDS = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("bidder", ColumnType.BIGINT),
            new Field("price", ColumnType.BIGINT), new Field("channel", ColumnType.VARCHAR),
            new Field("url", ColumnType.VARCHAR), new Field("ts", ColumnType.TIMESTAMP), new Field("extra", ColumnType.VARCHAR));

    /** Counts rows, resets the batch every 1024 rows as an engine would after handing it over. */
    static final class CountingContext implements SourceContext {
        final Batch batch = new Batch(BIDS, 1024);
        long rows;
        long dead;
        @Override public String sourceName() { return "bench"; }
        @Override public Schema schema() { return BIDS; }
        @Override public Batch batch() { return batch; }
        @Override public void rowAdded() {
            rows++;
            if (batch.size == 1024) batch.clear();
        }
        @Override public void deadLetter(String origin, String reason, String originalText) { dead++; }
        @Override public void flush() { batch.clear(); }
        @Override public boolean isStopped() { return false; }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String format = args.length > 1 ? args[1] : "json";
        Path dir = Files.createTempDirectory("laminar-bench");
        Path file = dir.resolve("bids." + (format.equals("csv") ? "csv" : "jsonl"));
        long t0 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            if (format.equals("csv")) w.write("auction,bidder,price,channel,url,ts,extra\n");
            for (int i = 0; i < n; i++) {
                String ts = "2026-01-01T" + String.format("%02d:%02d:%02d.%03d", (i / 3_600_000) % 24, (i / 60_000) % 60, (i / 1000) % 60, i % 1000);
                if (format.equals("csv")) {
                    w.write(1000 + i % 1000 + "," + (i * 7 % 10_000) + "," + (i % 9973) + ",Google,https://www.nexmark.com/item.htm?query=" + i
                            + "," + ts + ",\"\"\n");
                } else {
                    w.write("{\"auction\":" + (1000 + i % 1000) + ",\"bidder\":" + (i * 7 % 10_000) + ",\"price\":" + (i % 9973)
                            + ",\"channel\":\"Google\",\"url\":\"https://www.nexmark.com/item.htm?query=" + i + "\",\"ts\":\"" + ts
                            + "\",\"extra\":\"\"}\n");
                }
            }
        }
        System.out.printf("wrote %,d rows (%,d MB) in %.2f s%n", n, Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9);
        Options readOpts = new Options("SOURCE bench", Map.of("path", file.toString(), "csv.header", format.equals("csv") ? "true" : "false"));
        if (!format.equals("csv")) readOpts = new Options("SOURCE bench", Map.of("path", file.toString()));
        for (int round = 0; round < 5; round++) {
            CountingContext ctx = new CountingContext();
            long start = System.nanoTime();
            Connectors.get("FILES").createSource("bench", BIDS, readOpts, dir).run(ctx);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("read  round %d: %,d rows (%d dead) in %.3f s = %,.0f rows/s%n", round, ctx.rows, ctx.dead, s, ctx.rows / s);
        }
        Batch b = new Batch(BIDS, 1024);
        for (int i = 0; i < 1024; i++) {
            int r = b.addRow(RowKind.INSERT);
            b.setLong(0, r, 1000 + i);
            b.setLong(1, r, i * 7);
            b.setLong(2, r, i % 9973);
            b.setObject(3, r, "Google");
            b.setObject(4, r, "https://www.nexmark.com/item.htm?query=" + i);
            b.setLong(5, r, 1_767_225_600_000L + i);
            b.setObject(6, r, "");
        }
        for (int round = 0; round < 3; round++) {
            Path out = dir.resolve("out." + (format.equals("csv") ? "csv" : "jsonl"));
            var sink = Connectors.get("FILES").createSink("bench", BIDS, false, new Options("SINK bench", Map.of("path", out.toString())), dir);
            long start = System.nanoTime();
            for (int i = 0; i < n / 1024; i++) sink.write(b);
            sink.close();
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("write round %d: %,d rows in %.3f s = %,.0f rows/s%n", round, (n / 1024) * 1024L, s, (n / 1024) * 1024 / s);
        }
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.delete(dir);
    }
}
