package io.laminar.state;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where native snapshots of state stores go, and come back from. A {@link RocksStateStore} does not serialise its
 * entries value by value into a checkpoint: at the barrier it writes them, as RocksDB holds them, into an SST file
 * in the checkpoint being taken ({@link #writingDirectory()}, set by the checkpoint coordinator before it injects
 * the barriers), and a restore ingests that file — RocksDB links it into the live database, so recovering a
 * RocksDB-backed query does not depend on how much state it holds.
 *
 * <p>One instance per database (writers: every core at its barrier; the coordinator sets the directory). Restores
 * name the checkpoint directory for the core thread doing them ({@link #readingFrom}), since a store may be
 * restored from a checkpoint other than the one being written.
 */
public final class SnapshotFiles {
    private static final ThreadLocal<Path> READING = new ThreadLocal<>();
    private volatile Path writing;

    /** The checkpoint directory native snapshots taken from now on are written into. */
    public void writeInto(Path checkpointDirectory) { this.writing = checkpointDirectory; }

    /** Null until a checkpoint with this database's stores starts. */
    public Path writingDirectory() { return writing; }

    /** Work that reads a snapshot (a store restore). */
    public interface Restore {
        void run() throws IOException;
    }

    /** Runs {@code restore} on this thread with native snapshot files resolved against {@code checkpointDirectory}. */
    public static void readingFrom(Path checkpointDirectory, Restore restore) throws IOException {
        Path previous = READING.get();
        READING.set(checkpointDirectory);
        try {
            restore.run();
        } finally {
            if (previous == null) READING.remove();
            else READING.set(previous);
        }
    }

    /** The directory restores on this thread read native snapshot files from; null outside {@link #readingFrom}. */
    static Path readingDirectory() { return READING.get(); }
}
