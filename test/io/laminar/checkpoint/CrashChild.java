package io.laminar.checkpoint;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import io.laminar.exec.SourceRuntime;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process the crash tests kill. Every mode opens (or recovers) the database in {@code dir}, re-runs its script
 * (already-applied statements are recognised), does its work and closes cleanly — unless it is killed first.
 *
 * <pre>
 *   files  DIR OUT INPUT          FILES source → aggregates → FILES sinks, checkpoint every 30 ms
 *   memory DIR OUT EVENTS         one writer pushes events 0..EVENTS-1 (resuming after what the WAL holds)
 *   acked  DIR OUT BASE           4 writers push numbered events with fsync=batch, printing "ACK n" once acknowledged
 *   halt   DIR OUT EVENTS         writes EVENTS events (after a checkpoint of the first half) and halts without closing
 *   script DIR OUT FILE close|halt runs the SQL script FILE, then closes (a clean end) or halts (a crash, no checkpoint)
 * </pre>
 * A crash at one precise point: {@code -Dlaminar.test.crashAt=<point>} (see the engine's {@code Durability.crashPoint}).
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        switch (mode) {
            case "files" -> runFiles(dir, out, Path.of(args[3]));
            case "memory" -> runMemory(dir, out, Long.parseLong(args[3]), "none");
            case "acked" -> runAcked(dir, out, Long.parseLong(args[3]), System.out);
            case "halt" -> halt(dir, out, Long.parseLong(args[3]));
            case "script" -> script(dir, Path.of(args[3]), args[4].equals("halt"));
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.println("COMPLETE");
        System.out.flush();
        System.exit(0);
    }

    static void runFiles(Path dir, Path out, Path input) throws Exception {
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(2))) {
            db.executeAll(DurableFixtures.filesScript(input, out, "50ms"));
            if (!db.database().awaitBoundedSources(120_000)) throw new IllegalStateException("unbounded?");
            holdBeforeClose();
        }
    }

    static void runMemory(Path dir, Path out, long events, String fsync) throws Exception {
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(2).fsync(fsync).checkpointIntervalMillis(50))) {
            db.executeAll(DurableFixtures.memoryScript(out));
            SourceRuntime rt = db.database().sourceForWriting("events");
            if (!rt.isFinished()) {
                SourceWriter w = db.writer("events");
                // every row written before is in the WAL (or a checkpoint): continue after the last one
                DurableFixtures.writeEvents(w, rt.sequence(), events);
                w.finish();
            }
            db.awaitIdle();
            holdBeforeClose();
        }
    }

    /**
     * With {@code -Dlaminar.crash.hold=true} (the kill loop's children) the child, its work done but its database not
     * closed, waits until its stdin ends: a kill that comes late lands between the last row and the final checkpoint
     * instead of missing a child that already exited — so every attempt is a kill, whatever the machine's speed.
     */
    static void holdBeforeClose() throws java.io.IOException {
        if (!Boolean.getBoolean("laminar.crash.hold")) return;
        System.out.println("WORK DONE");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the kill (or the end of stdin)
        }
    }

    static void runAcked(Path dir, Path out, long base, PrintStream acks) throws Exception {
        Laminar db = Laminar.open(new Config().directory(dir).cores(2).fsync("batch").checkpointIntervalMillis(50));
        db.execute("CREATE SOURCE IF NOT EXISTS numbers (n BIGINT)");
        db.execute("CREATE SINK IF NOT EXISTS numbers_out FROM numbers INTO FILES (path = '" + out.resolve("numbers.jsonl") + "')");
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            long from = base + t * 1_000_000L;
            writers[t] = new Thread(() -> {
                SourceWriter w = db.writer("numbers");
                for (long n = from; n < from + 1_000_000L; n++) {
                    w.write(Map.of("n", n));
                    synchronized (acks) {
                        acks.println("ACK " + n); // only after write() returned: acknowledged
                    }
                }
            });
            writers[t].start();
        }
        for (Thread t : writers) t.join(); // the test kills us long before
    }

    static void script(Path dir, Path file, boolean halt) throws Exception {
        Laminar db = Laminar.open(new Config().directory(dir).cores(2));
        db.executeAll(java.nio.file.Files.readString(file));
        db.awaitIdle();
        if (halt) {
            System.out.println("COMPLETE");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        db.close();
    }

    static void halt(Path dir, Path out, long events) {
        Laminar db = Laminar.open(new Config().directory(dir).cores(1).fsync("batch"));
        db.executeAll(DurableFixtures.memoryScript(out));
        SourceWriter w = db.writer("events");
        DurableFixtures.writeEvents(w, 0, events / 2);
        db.awaitIdle();
        db.checkpoint();
        DurableFixtures.writeEvents(w, events / 2, events);
        System.out.println("COMPLETE");
        System.out.flush();
        Runtime.getRuntime().halt(0); // a crash: no close, no final checkpoint
    }
}
