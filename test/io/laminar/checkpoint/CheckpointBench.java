package io.laminar.checkpoint;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark (not a test): checkpoint duration and recovery time against state size. An unbounded GROUP BY holds
 * one group per distinct key; for each size the bench fills it, takes a checkpoint (timed), closes, and reopens
 * the directory (timed: catalog replay, state restore, WAL replay).
 *
 * <pre>java -Xmx4g -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.laminar.checkpoint.CheckpointBench [keys,...] [heap|rocksdb] [cores]</pre>
 */
public final class CheckpointBench {
    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "100000,1000000").split(",");
        String backend = args.length > 1 ? args[1] : "heap";
        int cores = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        System.out.printf("%-10s %10s %6s %12s %14s %14s%n", "keys", "backend", "cores", "state MB", "checkpoint ms", "recovery ms");
        for (String size : sizes) {
            long keys = Long.parseLong(size.trim());
            Path dir = Files.createTempDirectory("laminar-ckbench");
            Config cfg = new Config().directory(dir).cores(cores).fsync("none").stateBackend(backend).statementTimeoutMillis(600_000)
                    // one retained checkpoint: the WAL is cut behind the measured one, so reopening measures the
                    // state, not a scan of the log of every row that built it
                    .checkpointsRetained(1);
            Filled filled = fill(cfg, dir, keys);
            // recovery runs in a fresh process in real life: the closed instance's garbage is not its cost
            System.gc();
            long t0 = System.nanoTime();
            try (Laminar db = Laminar.open(cfg)) {
                long recoveryMs = (System.nanoTime() - t0) / 1_000_000;
                if (db.database().pipelineOf("g").stateSize() != keys) throw new IllegalStateException("state not restored");
                System.out.printf("%-10d %10s %6d %12.1f %14d %14d%n", keys, backend, cores, filled.bytes / 1e6,
                        filled.checkpointMillis, recoveryMs);
            }
        }
    }

    /** The measured checkpoint: its duration and its size on disk. */
    private record Filled(long checkpointMillis, long bytes) {}

    /**
     * Fills the GROUP BY with {@code keys} groups and times a checkpoint. A method of its own, so that nothing of the
     * closed database stays reachable from {@code main}'s frame while recovery is timed.
     */
    private static Filled fill(Config cfg, Path dir, long keys) throws Exception {
        try (Laminar db = Laminar.open(cfg)) {
            db.execute("CREATE SOURCE s (k BIGINT, v BIGINT, name VARCHAR);"
                    + "CREATE STREAM g AS SELECT k, COUNT(*) AS c, SUM(v) AS total, MAX(name) AS name FROM s GROUP BY k");
            db.checkpoint(); // warm-up: class loading and JIT are not what this measures
            try (SourceWriter w = db.writer("s")) {
                for (long k = 0; k < keys; k++) w.write(k, k, "name-" + k);
            }
            db.awaitIdle();
            long t0 = System.nanoTime();
            long id = db.checkpoint();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            try (var s = Files.walk(dir.resolve("checkpoints").resolve(String.format("%020d", id)))) {
                return new Filled(millis, s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
            }
        }
    }
}
