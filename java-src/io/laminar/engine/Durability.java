package io.laminar.engine;

import io.laminar.Config;
import io.laminar.checkpoint.CatalogLog;
import io.laminar.checkpoint.CheckpointCoordinator;
import io.laminar.checkpoint.CheckpointStore;
import io.laminar.wal.FsyncPolicy;
import io.laminar.wal.WriteAheadLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The on-disk side of a database with a directory:
 * <pre>
 *   DIR/catalog/        the catalog log (statements that recreate the objects)
 *   DIR/wal/core-N/     one write-ahead log per core (MEMORY sources homed on that core)
 *   DIR/checkpoints/ID/ MANIFEST + state files
 *   DIR/state/rocksdb/  RocksDB spill state (wiped on open; checkpoints are the truth)
 * </pre>
 * Also runs the two Ring 1/2 background threads durability needs: the WAL's interval fsync and the periodic
 * checkpoint trigger. Problems found while opening (torn WAL tails, unusable checkpoints) are collected in
 * {@link #report()} and printed to stderr.
 */
final class Durability implements AutoCloseable {
    final Path dir;
    final WriteAheadLog[] wals;
    final CatalogLog catalog;
    final CheckpointStore store;
    final CheckpointCoordinator coordinator;
    /** Where RocksDB stores write their native snapshots: the checkpoint being taken. */
    final io.laminar.state.SnapshotFiles snapshotFiles = new io.laminar.state.SnapshotFiles();
    /** The WAL writer of each live MEMORY source (by catalog key): its source key tells its incarnation. */
    final java.util.Map<String, io.laminar.wal.SourceLogWriter> sourceLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> report = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Thread fsyncThread;
    private Thread checkpointThread;
    private volatile long intervalMillis;

    Durability(Config config, int cores) {
        this.dir = config.directory();
        this.catalog = new CatalogLog(dir.resolve("catalog"), this::note);
        this.wals = new WriteAheadLog[cores];
        for (int c = 0; c < cores; c++) {
            wals[c] = WriteAheadLog.open(dir.resolve("wal").resolve("core-" + c), config.walSegmentBytes(), config.fsync(), this::note);
        }
        this.store = new CheckpointStore(dir.resolve("checkpoints"));
        List<Long> ids = store.ids();
        this.coordinator = new CheckpointCoordinator(store, ids.isEmpty() ? 0 : ids.get(0), snapshotFiles);
        FsyncPolicy p = config.fsync();
        if (p.kind() == FsyncPolicy.Kind.INTERVAL) {
            fsyncThread = daemon("laminar-wal-fsync", () -> {
                while (!closed) {
                    sleep(p.intervalMillis());
                    for (WriteAheadLog w : wals) w.syncAll();
                }
            });
        }
    }

    /**
     * Test-only crash points: a crash test starts a child JVM with {@code -Dlaminar.test.crashAt=<point>} and the
     * child halts (exit status 137, like a kill -9: no close, no checkpoint) the first time it reaches that point —
     * a kill at a moment no random timing would hit reliably. Unset in production, where this is one string compare.
     */
    private static final String CRASH_AT = System.getProperty("laminar.test.crashAt");

    static void crashPoint(String point) {
        if (point.equals(CRASH_AT)) {
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    void note(String problem) {
        report.add(problem);
        System.err.println("laminar: " + problem);
    }

    List<String> report() { return List.copyOf(report); }

    /** (Re)arms the periodic checkpoint; 0 stops it. */
    synchronized void scheduleCheckpoints(long millis, Runnable checkpoint) {
        intervalMillis = millis;
        if (millis <= 0 || checkpointThread != null) return;
        checkpointThread = daemon("laminar-checkpointer", () -> {
            while (!closed) {
                long every = intervalMillis;
                if (every <= 0) {
                    sleep(100);
                    continue;
                }
                sleep(every);
                if (closed || intervalMillis <= 0) continue;
                try {
                    checkpoint.run();
                } catch (RuntimeException e) {
                    if (!closed) System.err.println("laminar: periodic checkpoint failed: " + e.getMessage());
                }
            }
        });
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() {
        closed = true;
        // no interrupts: NIO would close the WAL channel under a thread interrupted inside force(); the threads see
        // 'closed' within one interval (the checkpointer skips its round once the database is closed)
        if (fsyncThread != null) {
            try {
                fsyncThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (WriteAheadLog w : wals) w.close();
        catalog.close();
    }
}
