package io.laminar.checkpoint;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scripts and helpers shared by the durability tests and the crash-test child process. */
final class DurableFixtures {
    private DurableFixtures() {}

    /** A windowed and an unbounded aggregate over {@code events}. */
    private static final String QUERIES = """
            CREATE STREAM per_window AS
              SELECT k, window_end, COUNT(*) AS c, SUM(n) AS total
              FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '2' SECOND))
              GROUP BY k, window_start, window_end;
            CREATE STREAM per_key AS SELECT k, COUNT(*) AS c, SUM(n) AS total FROM events GROUP BY k;
            """;

    /** A MEMORY source, a windowed and an unbounded aggregate, each into an exactly-once FILES sink under {@code out}. */
    static String memoryScript(Path out) {
        return """
            CREATE SOURCE events (n BIGINT, k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            %s
            CREATE SINK raw_out FROM events INTO FILES (path = '%s');
            CREATE SINK window_out FROM per_window INTO FILES (path = '%s');
            CREATE SINK key_out FROM per_key INTO FILES (path = '%s');
            """.formatted(QUERIES, out.resolve("raw.jsonl"), out.resolve("windows.jsonl"), out.resolve("keys.jsonl"));
    }

    /** A FILES source over {@code input}, the same two aggregates, FILES sinks under {@code out}. */
    static String filesScript(Path input, Path out, String interval) {
        return """
            SET 'checkpoint.interval' = '%s';
            CREATE SOURCE events (n BIGINT, k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
              FROM FILES (path = '%s', format = 'json');
            %s
            CREATE SINK window_out FROM per_window INTO FILES (path = '%s');
            CREATE SINK key_out FROM per_key INTO FILES (path = '%s');
            """.formatted(interval, input, QUERIES, out.resolve("windows.jsonl"), out.resolve("keys.jsonl"));
    }

    /** Writes {@code files} JSON-lines files of {@code rowsPerFile} events with a little disorder. */
    static void writeInput(Path dir, int files, int rowsPerFile) throws IOException {
        Files.createDirectories(dir);
        long n = 0;
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rowsPerFile; i++, n++) {
                long ts = n * 10 + (n % 7) * 13; // out of order within the watermark delay
                sb.append("{\"n\":").append(n).append(",\"k\":").append(n % 97).append(",\"ts\":").append(ts).append("}\n");
            }
            Files.writeString(dir.resolve(String.format("part-%03d.jsonl", f)), sb.toString());
        }
    }

    static void writeEvents(SourceWriter w, long from, long to) {
        for (long n = from; n < to; n++) w.write(n, n % 13, java.time.Instant.ofEpochMilli(n * 10));
    }

    static Laminar open(Path dir, int cores) {
        return Laminar.open(new Config().directory(dir).cores(cores));
    }

    /** The lines of a file, sorted (output order across cores is not defined; contents are). */
    static List<String> sortedLines(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        List<String> l = new ArrayList<>(Files.readAllLines(file));
        l.sort(null);
        return l;
    }
}
