package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random moments, restart, run to completion: the sink output must equal an uninterrupted run's —
 * nothing missing, nothing twice. The child is a separate JVM ({@link CrashChild}) on this test's class path.
 * Seeds are fixed, so a failure reproduces; the moment of each kill is printed.
 *
 * <p>A kill costs a child JVM's start (class loading, planning: most of a run), so the four workloads run two at a
 * time — each in its own directory, started together before the first test and awaited by its own test method:
 * {@code files} then {@code run --dir} on one lane, {@code memory} then the acknowledged-write rounds on the other.
 * Each lane measures its clean run under the same load it is killed under, so kill moments stay spread over a run.
 */
class CrashRecoveryTest {
    static final long SEED = Long.getLong("laminar.crash.seed", 20261121L);
    static final int KILLS_PER_WORKLOAD = Integer.getInteger("laminar.crash.kills", 22);

    @TempDir static Path shared;
    private static java.util.concurrent.ExecutorService lanes;
    private static java.util.concurrent.Future<?> files;
    private static java.util.concurrent.Future<?> memory;
    private static java.util.concurrent.Future<?> runDir;
    private static java.util.concurrent.Future<?> acked;

    /** A workload that throws (assertions included) when its output is wrong. */
    private interface Workload {
        void run(Path tmp) throws Exception;
    }

    @org.junit.jupiter.api.BeforeAll static void startWorkloads() {
        lanes = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crash-test-lane");
            t.setDaemon(true);
            return t;
        });
        files = start("files", CrashRecoveryTest::filesWorkload);
        memory = start("memory", CrashRecoveryTest::memoryWorkload);
        runDir = start("run-dir", CrashRecoveryTest::runDirWorkload);
        acked = start("acked", CrashRecoveryTest::ackedWorkload);
    }

    @org.junit.jupiter.api.AfterAll static void stopLanes() {
        lanes.shutdownNow();
    }

    private static java.util.concurrent.Future<?> start(String name, Workload w) {
        return lanes.submit(() -> {
            w.run(Files.createDirectories(shared.resolve(name)));
            return null;
        });
    }

    /** Waits for a workload; its failure fails the calling test as it was thrown. */
    private static void await(java.util.concurrent.Future<?> workload) throws Throwable {
        try {
            workload.get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Starts the child; its output goes to {@code log}. */
    static Process spawn(Path log, String... args) throws Exception {
        return spawnMain(CrashChild.class.getName(), log, args);
    }

    /** Starts {@code mainClass} in a new JVM on this test's class path. */
    static Process spawnMain(String mainClass, Path log, String... args) throws Exception {
        return spawnMain(List.of(), mainClass, log, args);
    }

    /** Starts {@code mainClass} with extra JVM options (e.g. a {@code -Dlaminar.test.crashAt} point). */
    static Process spawnMain(List<String> jvmOptions, String mainClass, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1"); // the child lives for a second: start fast
        cmd.add("-XX:+UseSerialGC"); // a small heap: one GC thread, not one per CPU competing with the other lane
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs the child to completion; returns how long it took. */
    static long runToCompletion(Path log, String... args) throws Exception {
        return runToCompletion(CrashChild.class.getName(), log, args);
    }

    static long runToCompletion(String mainClass, Path log, String... args) throws Exception {
        long t0 = System.nanoTime();
        Process p = spawnMain(mainClass, log, args);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child did not finish");
        assertEquals(0, p.exitValue(), () -> "child failed: " + readLog(log));
        if (mainClass.equals(CrashChild.class.getName())) assertTrue(readLog(log).contains("COMPLETE"), () -> readLog(log));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Kills the child at random moments within its usual run time until {@code kills} kills landed, then lets it
     * finish. Returns the number of kills. A {@link CrashChild} holds before closing (see
     * {@link CrashChild#holdBeforeClose}), so a kill never misses it; other children may finish first.
     */
    static int killRepeatedly(Random rnd, int kills, long cleanMillis, Path logDir, String... args) throws Exception {
        return killRepeatedly(CrashChild.class.getName(), rnd, kills, cleanMillis, logDir, args);
    }

    static int killRepeatedly(String mainClass, Random rnd, int kills, long cleanMillis, Path logDir, String... args)
            throws Exception {
        int landed = 0;
        for (int attempt = 0; landed < kills && attempt < kills * 2; attempt++) {
            Path log = logDir.resolve("run-" + attempt + ".log");
            Process p = spawnMain(mainClass.equals(CrashChild.class.getName()) ? List.of("-Dlaminar.crash.hold=true") : List.of(),
                    mainClass, log, args);
            long delay = (long) (cleanMillis * (0.25 + rnd.nextDouble() * 0.7)); // startup, mid-run, or near the end
            if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertEquals(0, p.exitValue(), () -> "child failed: " + readLog(log));
                continue; // finished before the kill: recovery had little left to do
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            landed++;
            System.out.println("crash test: killed " + args[0] + " run " + attempt + " after " + delay + " ms");
        }
        runToCompletion(mainClass, logDir.resolve("final.log"), args);
        return landed;
    }

    @Test void filesSourceKilledAndRerunGivesTheSameSinkOutput() throws Throwable {
        await(files);
    }

    @Test void runDirKilledAndRerunGivesTheSameSinkOutput() throws Throwable {
        await(runDir);
    }

    @Test void memorySourceKilledAndRerunGivesTheSameSinkOutput() throws Throwable {
        await(memory);
    }

    @Test void everyAcknowledgedWriteSurvivesAKillWithFsyncBatch() throws Throwable {
        await(acked);
    }

    private static void filesWorkload(Path tmp) throws Exception {
        Path input = tmp.resolve("input");
        DurableFixtures.writeInput(input, 4, 5_000);
        Path cleanOut = tmp.resolve("clean-out");
        long cleanMillis = runToCompletion(tmp.resolve("clean.log"), "files", tmp.resolve("clean-db").toString(),
                cleanOut.toString(), input.toString());
        Path out = tmp.resolve("out");
        int kills = killRepeatedly(new Random(SEED), KILLS_PER_WORKLOAD, cleanMillis, Files.createDirectories(tmp.resolve("logs")),
                "files", tmp.resolve("db").toString(), out.toString(), input.toString());
        assertEquals(KILLS_PER_WORKLOAD, kills, "every attempt kills a child that holds before closing");
        for (String f : List.of("windows.jsonl", "keys.jsonl")) {
            List<String> expected = sortedLines(cleanOut.resolve(f));
            assertTrue(expected.size() > 100, f + " has output");
            assertEquals(expected, sortedLines(out.resolve(f)), f + " after " + kills + " kills");
        }
    }

    /** {@code bin/laminar run --dir DIR script.sql}, killed and run again, ends with a clean run's sink output. */
    private static void runDirWorkload(Path tmp) throws Exception {
        Path input = tmp.resolve("input");
        DurableFixtures.writeInput(input, 3, 5_000);
        String script = """
            SET 'checkpoint.interval' = '200ms';
            CREATE SOURCE bids (n BIGINT, k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
              FROM FILES (path = '%s', format = 'json');
            CREATE SINK hot FROM (
              SELECT k, window_end, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND))
              GROUP BY k, window_start, window_end) INTO FILES (path = '%s');
            """;
        Path cleanScript = Files.writeString(tmp.resolve("clean.sql"), script.formatted(input, tmp.resolve("clean-hot.csv")));
        Path crashScript = Files.writeString(tmp.resolve("crash.sql"), script.formatted(input, tmp.resolve("hot.csv")));
        String main = io.laminar.cli.Main.class.getName();
        long cleanMillis = runToCompletion(main, tmp.resolve("clean.log"), "run", "--quiet", "--dir", tmp.resolve("clean-db").toString(),
                cleanScript.toString());
        int kills = killRepeatedly(main, new Random(SEED + 3), 4, cleanMillis, Files.createDirectories(tmp.resolve("logs")),
                "run", "--quiet", "--dir", tmp.resolve("db").toString(), crashScript.toString());
        List<String> expected = sortedLines(tmp.resolve("clean-hot.csv"));
        assertTrue(expected.size() > 100);
        assertEquals(expected, sortedLines(tmp.resolve("hot.csv")), "after " + kills + " kills");
    }

    private static void memoryWorkload(Path tmp) throws Exception {
        String events = "6000";
        Path cleanOut = tmp.resolve("clean-out");
        long cleanMillis = runToCompletion(tmp.resolve("clean.log"), "memory", tmp.resolve("clean-db").toString(),
                cleanOut.toString(), events);
        Path out = tmp.resolve("out");
        int kills = killRepeatedly(new Random(SEED + 1), KILLS_PER_WORKLOAD, cleanMillis,
                Files.createDirectories(tmp.resolve("logs")), "memory", tmp.resolve("db").toString(), out.toString(), events);
        assertEquals(KILLS_PER_WORKLOAD, kills, "every attempt kills a child that holds before closing");
        for (String f : List.of("raw.jsonl", "windows.jsonl", "keys.jsonl")) {
            assertEquals(sortedLines(cleanOut.resolve(f)), sortedLines(out.resolve(f)), f + " after " + kills + " kills");
        }
        assertEquals(6000, sortedLines(out.resolve("raw.jsonl")).size());
    }

    private static void ackedWorkload(Path tmp) throws Exception {
        Random rnd = new Random(SEED + 2);
        Path dir = tmp.resolve("db");
        Path out = tmp.resolve("out");
        Set<Long> acked = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            Path ackLog = tmp.resolve("acks-" + round + ".log");
            Process p = spawn(ackLog, "acked", dir.toString(), out.toString(), String.valueOf(round * 100_000_000L));
            long deadline = System.currentTimeMillis() + 60_000;
            int want = 200 + rnd.nextInt(800); // kill once this many writes were acknowledged
            while (p.isAlive() && countAcks(ackLog) < want && System.currentTimeMillis() < deadline) Thread.sleep(5);
            p.destroyForcibly(); // SIGKILL; every ACK line printed before it is in the file (println writes through)
            p.waitFor();
            int before = acked.size();
            for (String line : Files.readAllLines(ackLog)) {
                if (line.startsWith("ACK ") && line.length() > 4) {
                    try {
                        acked.add(Long.parseLong(line.substring(4).trim()));
                    } catch (NumberFormatException torn) {
                        // the last line may be cut by the kill
                    }
                }
            }
            assertTrue(acked.size() > before, () -> "the writer acknowledged nothing: " + readLog(ackLog));
            System.out.println("crash test: killed acked writer " + round + " after " + (acked.size() - before) + " acks");
        }
        // recover once more in this process; close commits the sink
        try (io.laminar.Laminar db = DurableFixtures.open(dir, 2)) {
            db.awaitIdle();
        }
        List<String> lines = Files.readAllLines(out.resolve("numbers.jsonl"));
        Set<Long> recovered = new HashSet<>();
        for (String l : lines) {
            long n = Long.parseLong(l.replaceAll("[^0-9]", ""));
            assertTrue(recovered.add(n), "number " + n + " delivered twice");
        }
        Set<Long> missing = new HashSet<>(acked);
        missing.removeAll(recovered);
        assertTrue(missing.isEmpty(), missing.size() + " acknowledged writes lost, e.g. " + missing.stream().limit(5).toList());
        assertTrue(acked.size() >= 600, "acknowledged " + acked.size());
    }

    private static long countAcks(Path log) throws java.io.IOException {
        if (!Files.exists(log)) return 0;
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("ACK ")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
