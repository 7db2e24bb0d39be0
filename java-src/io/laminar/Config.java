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

    public Path directory() { return directory; }
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
        return this;
    }

    @Override public String toString() {
        return "Config{directory=" + directory + ", cores=" + cores + "}";
    }
}
