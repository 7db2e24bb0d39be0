package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.exec.Dataflow;
import io.laminar.exec.Pipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Puts a checkpoint's state back into the running pipelines (recovery on open, RESTORE FROM CHECKPOINT).
 *
 * <p>Two phases, each on every core thread at once (all started before waiting for any): first every core reads
 * and verifies its own state files — each file is read once, its CRC checked over the bytes in memory; then, only
 * if every file of the checkpoint verified, every core parses its files into its pipeline instances. So a corrupt
 * file is found before any state changes (recovery then falls back to an older checkpoint, reporting why), and a
 * large state costs one read from disk and one parse, spread over the cores.
 */
public final class Restorer {
    /** A stateful pipeline and the fingerprint of its plan as deployed now. */
    public record Target(Pipeline pipeline, String fingerprint) {}

    private final CheckpointStore store;
    private final List<Target> targets;
    private final Dataflow dataflow;
    private final long timeoutMillis;

    /**
     * @param timeoutMillis how long one phase may take on the slowest core before recovery gives up with an error
     */
    public Restorer(CheckpointStore store, List<Target> targets, Dataflow dataflow, long timeoutMillis) {
        this.store = store;
        this.targets = List.copyOf(targets);
        this.dataflow = dataflow;
        this.timeoutMillis = timeoutMillis;
    }

    /** A checkpoint's state, read and verified, not yet applied. */
    public final class Loaded {
        public final Manifest manifest;
        /** [target][core]; a slot is cleared once restored, so the bytes can be collected while others parse. */
        private final byte[][][] operatorStates;
        private final Map<String, byte[]> views;

        private Loaded(Manifest manifest, byte[][][] operatorStates, Map<String, byte[]> views) {
            this.manifest = manifest;
            this.operatorStates = operatorStates;
            this.views = views;
        }

        /** The rows materialized view {@code view} had at the checkpoint; null if the checkpoint holds none. */
        public byte[] viewState(String view) { return views.get(view); }

        /** Replaces every pipeline instance's state with the checkpoint's, all cores in parallel; waits. */
        public void restoreOperators() {
            int cores = dataflow.coreCount();
            CompletableFuture<?>[] running = new CompletableFuture<?>[cores];
            for (int c = 0; c < cores; c++) {
                int core = c;
                running[c] = dataflow.submitToCore(c, () -> {
                    for (int t = 0; t < targets.size(); t++) {
                        Pipeline p = targets.get(t).pipeline();
                        byte[] state = operatorStates[t][core];
                        operatorStates[t][core] = null;
                        try {
                            // a RocksDB store's native snapshot is an SST file beside the state file
                            io.laminar.state.SnapshotFiles.readingFrom(store.directoryOf(manifest.id),
                                    () -> p.restoreInstance(core, state));
                        } catch (java.io.IOException e) {
                            throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "state of query " + p.name()
                                    + " on core " + core + " in " + stateFile(manifest, p.name(), core) + " is unreadable: "
                                    + e.getMessage(), Map.of("query", p.name(), "checkpoint", manifest.id), e);
                        }
                    }
                });
            }
            awaitAll(running, "restoring checkpoint " + manifest.id);
        }
    }

    /**
     * Recovery: the newest checkpoint whose manifest and state files all verify, read into memory; each unusable
     * newer one is reported and skipped. Null when there is none. A checkpoint that does not fit the deployed
     * queries (see {@link #check}) is refused, not skipped: falling back would silently lose newer state.
     */
    public Loaded newestUsable(Consumer<String> report) {
        for (Manifest m = store.newestValid(report); m != null; m = store.newestValidBefore(m.id, report)) {
            check(m);
            try {
                return read(m);
            } catch (CheckpointException e) {
                if (e.code() != ErrorCode.CHECKPOINT_NOT_FOUND) throw e;
                report.accept(CheckpointStore.unusable(m.id, e));
            }
        }
        return null;
    }

    /** RESTORE: checkpoint {@code m}'s state, checked against the deployed queries and read; throws if unusable. */
    public Loaded load(Manifest m) {
        check(m);
        return read(m);
    }

    /**
     * Refuses a checkpoint taken with another core count, lacking state for a deployed stateful query, holding state
     * of a query that is not deployed, or whose plan fingerprint differs from the deployed plan's.
     */
    public void check(Manifest m) {
        String where = "checkpoint " + m.id + " in " + store.root().getParent();
        int cores = dataflow.coreCount();
        if (m.cores != cores) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_PLAN_MISMATCH, where + " was taken with " + m.cores
                    + " cores; this database has " + cores + " (state is partitioned by core): open it with Config.cores("
                    + m.cores + ") / --cores " + m.cores, Map.of("checkpoint", m.id));
        }
        Set<String> names = new HashSet<>();
        for (Target t : targets) {
            String q = t.pipeline().name();
            names.add(q);
            Map<String, Object> op = m.operators.get(q);
            if (op == null) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_PLAN_MISMATCH, where + " holds no state for query " + q
                        + " (it was created after that checkpoint); drop it first or restore a later checkpoint",
                        Map.of("checkpoint", m.id, "query", q));
            }
            if (!t.fingerprint().equals(op.get("fingerprint"))) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_PLAN_MISMATCH, "the plan of query " + q + " differs from "
                        + "the one whose state " + where + " holds (plan fingerprint " + t.fingerprint() + " vs "
                        + op.get("fingerprint") + "); restoring would load state into a different operator. Use a fresh "
                        + "directory, or recreate the query under a new name", Map.of("checkpoint", m.id, "query", q));
            }
        }
        for (String q : m.operators.keySet()) {
            if (!names.contains(q)) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_PLAN_MISMATCH, where + " holds state of query " + q
                        + ", which this database does not have; recreate it before restoring", Map.of("checkpoint", m.id, "query", q));
            }
        }
    }

    /** Phase one: every core reads and verifies its files in parallel; views are read here meanwhile. */
    private Loaded read(Manifest m) {
        int cores = dataflow.coreCount();
        byte[][][] states = new byte[targets.size()][cores][];
        CompletableFuture<?>[] reading = new CompletableFuture<?>[cores];
        for (int c = 0; c < cores; c++) {
            int core = c;
            reading[c] = dataflow.submitToCore(c, () -> {
                for (int t = 0; t < targets.size(); t++) {
                    String q = targets.get(t).pipeline().name();
                    states[t][core] = StateFile.read(stateFile(m, q, core), fileCrc(m, q, core));
                }
            });
        }
        Map<String, byte[]> views = new HashMap<>();
        CheckpointException viewFailure = null;
        for (Map.Entry<String, Map<String, Object>> v : m.views.entrySet()) {
            try {
                Map<String, Object> f = v.getValue();
                views.put(v.getKey(), StateFile.read(store.directoryOf(m.id).resolve((String) f.get("file")),
                        ((Number) f.get("crc")).intValue()));
            } catch (CheckpointException e) {
                viewFailure = e;
                break;
            }
        }
        awaitAll(reading, "reading checkpoint " + m.id);
        if (viewFailure != null) throw viewFailure;
        return new Loaded(m, states, views);
    }

    private Map<String, Object> fileRef(Manifest m, String query, int core) {
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> files =
                (Map<String, Map<String, Object>>) m.operators.get(query).get("files");
        Map<String, Object> f = files.get(String.valueOf(core));
        if (f == null) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint " + m.id + " names no state file for query "
                    + query + " on core " + core, Map.of("checkpoint", m.id, "query", query));
        }
        return f;
    }

    private Path stateFile(Manifest m, String query, int core) {
        return store.directoryOf(m.id).resolve((String) fileRef(m, query, core).get("file"));
    }

    private int fileCrc(Manifest m, String query, int core) {
        return ((Number) fileRef(m, query, core).get("crc")).intValue();
    }

    /** Waits for every core's task; the first failure is rethrown as it was thrown (they name path and query). */
    private void awaitAll(CompletableFuture<?>[] tasks, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        RuntimeException first = null;
        for (CompletableFuture<?> f : tasks) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (first == null) {
                    first = c instanceof RuntimeException r ? r : new LaminarException(ErrorCode.STATE_IO, what + " failed: " + c,
                            Map.of(), c);
                }
            } catch (TimeoutException e) {
                throw new LaminarException(ErrorCode.TIMEOUT, what + " did not finish within " + timeoutMillis + " ms; raise "
                        + "Config.statementTimeoutMillis for very large state");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaminarException(ErrorCode.INTERNAL, "interrupted while " + what);
            }
        }
        if (first != null) throw first;
    }
}
