package io.laminar;

import java.nio.file.Path;

/**
 * Database configuration: one object with defaults, validated by {@link #conclude()}, which names the setter that
 * fixes a problem.
 *
 * <pre>{@code Laminar.open(new Config().cores(2).directory(Path.of("data")))}</pre>
 */
public final class Config {
    private Path directory;
    private int cores = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    private long statementTimeoutMillis = 60_000;
    private io.laminar.wal.FsyncPolicy fsync = io.laminar.wal.FsyncPolicy.BATCH;
    private long walSegmentBytes = 64L << 20;
    private long checkpointIntervalMillis;
    private int checkpointsRetained = 3;
    private String stateBackend = "heap";
    private int stateCacheEntries = 100_000;
    private boolean inlineExecution = true;
    private boolean autoStartSources = true;

    /** Where durable state lives; null (the default) keeps everything in memory. */
    public Config directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Ring 0 core threads, each owning a hash range of keys. Default: available processors minus one, at least 1. */
    public Config cores(int n) {
        this.cores = n;
        return this;
    }

    /** How long {@link Laminar#awaitIdle()} and bounded runs may wait. Default 60 s. */
    public Config statementTimeoutMillis(long millis) {
        this.statementTimeoutMillis = millis;
        return this;
    }

    /**
     * When writes to MEMORY sources reach the disk before they are acknowledged (databases with a directory):
     * {@code none}, {@code batch} (the default: fsync, shared by concurrent writers) or {@code interval(N)}. See
     * {@link io.laminar.wal.FsyncPolicy} for what each survives.
     */
    public Config fsync(io.laminar.wal.FsyncPolicy policy) {
        this.fsync = policy;
        return this;
    }

    /** {@link #fsync(io.laminar.wal.FsyncPolicy)} from text: {@code none}, {@code batch}, {@code interval(50)}. */
    public Config fsync(String policy) {
        return fsync(io.laminar.wal.FsyncPolicy.parse(policy));
    }

    /** Size at which a WAL segment file rolls over. Default 64 MiB. */
    public Config walSegmentBytes(long bytes) {
        this.walSegmentBytes = bytes;
        return this;
    }

    /** Take a checkpoint every this many milliseconds (0, the default: only on CHECKPOINT, the API and close). */
    public Config checkpointIntervalMillis(long millis) {
        this.checkpointIntervalMillis = millis;
        return this;
    }

    /** How many completed checkpoints to keep (RESTORE can go back to any of them). Default 3. */
    public Config checkpointsRetained(int n) {
        this.checkpointsRetained = n;
        return this;
    }

    /** Where operator state lives: {@code heap} (default) or {@code rocksdb} (larger than memory). */
    public Config stateBackend(String backend) {
        this.stateBackend = backend;
        return this;
    }

    /** RocksDB backend: values each operator instance keeps live on the heap. Default 100 000. */
    public Config stateCacheEntries(int n) {
        this.stateCacheEntries = n;
        return this;
    }

    /**
     * Whether a writer or connector thread that finds its source's core idle runs the core's work itself (the
     * default: no hand-off to another thread, lowest latency and CPU per event; the call returns once the rows went
     * through the core's operators and on-core subscribers). Off: every batch is queued for the core's thread, so
     * writes return as soon as the rows are queued.
     */
    public Config inlineExecution(boolean on) {
        this.inlineExecution = on;
        return this;
    }

    /**
     * Whether a source's connector starts as soon as a statement or subscription reads it (the default). Off: no
     * connector starts before {@link io.laminar.Laminar#startSources()}, so a program can declare every stream, sink
     * and subscription first and none of them misses a source's first rows (like building a Kafka Streams topology
     * before {@code start()}). MEMORY sources take writes either way.
     */
    public Config autoStartSources(boolean on) {
        this.autoStartSources = on;
        return this;
    }

    public Path directory() { return directory; }
    public boolean autoStartSources() { return autoStartSources; }
    public boolean inlineExecution() { return inlineExecution; }
    public io.laminar.wal.FsyncPolicy fsync() { return fsync; }
    public long walSegmentBytes() { return walSegmentBytes; }
    public long checkpointIntervalMillis() { return checkpointIntervalMillis; }
    public int checkpointsRetained() { return checkpointsRetained; }
    public String stateBackend() { return stateBackend; }
    public int stateCacheEntries() { return stateCacheEntries; }
    public int cores() { return cores; }
    public long statementTimeoutMillis() { return statementTimeoutMillis; }

    /** Checks every setting; throws naming the setter to fix. */
    public Config conclude() {
        if (cores < 1 || cores > 64) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "Config.cores(" + cores + ") must be between 1 and 64");
        }
        if (statementTimeoutMillis <= 0) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "Config.statementTimeoutMillis must be positive");
        }
        if (fsync == null) throw new LaminarException(ErrorCode.BAD_OPTION, "Config.fsync must be none, batch or interval(N)");
        if (walSegmentBytes < 4096) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "Config.walSegmentBytes(" + walSegmentBytes + ") must be at least 4096");
        }
        if (checkpointIntervalMillis < 0) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "Config.checkpointIntervalMillis must be 0 (off) or positive");
        }
        if (checkpointsRetained < 1) throw new LaminarException(ErrorCode.BAD_OPTION, "Config.checkpointsRetained must be at least 1");
        if (!stateBackend.equals("heap") && !stateBackend.equals("rocksdb")) {
            throw new LaminarException(ErrorCode.BAD_OPTION, "Config.stateBackend('" + stateBackend + "') must be 'heap' or 'rocksdb'");
        }
        if (stateCacheEntries < 1) throw new LaminarException(ErrorCode.BAD_OPTION, "Config.stateCacheEntries must be positive");
        if ((checkpointIntervalMillis > 0) && directory == null) {
            throw new LaminarException(ErrorCode.NO_DIRECTORY, "Config.checkpointIntervalMillis needs Config.directory(...): "
                    + "checkpoints are kept on disk");
        }
        return this;
    }

    @Override public String toString() {
        return "Config{directory=" + directory + ", cores=" + cores + ", fsync=" + fsync + ", stateBackend=" + stateBackend
                + (inlineExecution ? "" : ", inlineExecution=false")
                + (autoStartSources ? "" : ", autoStartSources=false")
                + (checkpointIntervalMillis > 0 ? ", checkpointInterval=" + checkpointIntervalMillis + "ms" : "") + "}";
    }
}
