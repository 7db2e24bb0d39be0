package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.exec.BarrierListener;
import io.laminar.exec.Pipeline;
import io.laminar.exec.SourceRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Takes checkpoints (Ring 2): injects the barrier of a new epoch at every source, collects what the barrier gathers
 * on its way — source positions, pipeline instances' state, sinks' pre-committed transactions, views' rows — writes
 * the state files and then the manifest. One checkpoint at a time ({@link #take} is called under the database's
 * monitor); acknowledgements arrive on source, core and delivery threads and only go into concurrent maps.
 */
public final class CheckpointCoordinator implements BarrierListener {
    /**
     * What one checkpoint covers; built by the database from its catalog. {@code unfedSinks} pass the barrier to
     * sinks whose input no pipeline feeds any more (a LATE DATA TO stream whose queries were dropped): nothing
     * would bring them one, and every transactional sink must pre-commit each epoch.
     */
    public record Round(List<SourceEntry> sources, List<Pipeline> pipelines, Map<String, String> fingerprints,
                        List<String> sinks, List<String> views, int cores, List<LongConsumer> unfedSinks) {
        public Round(List<SourceEntry> sources, List<Pipeline> pipelines, Map<String, String> fingerprints,
                     List<String> sinks, List<String> views, int cores) {
            this(sources, pipelines, fingerprints, sinks, views, cores, List.of());
        }
    }

    /**
     * A source, the thread running its connector (null: none running, so the coordinator injects the barrier itself),
     * and the core whose WAL logs its writes (-1: not logged).
     */
    public record SourceEntry(String name, SourceRuntime runtime, Thread connectorThread, int walCore) {}

    private final CheckpointStore store;
    private final io.laminar.state.SnapshotFiles snapshotFiles;
    private volatile long epoch;
    private final Map<String, SourceRuntime.Position> sourcePositions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> states = new ConcurrentHashMap<>();
    private final Map<String, String> transactions = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final Map<SourceRuntime, String> sourceNames = new ConcurrentHashMap<>();
    private long lastId;

    /** @param snapshotFiles told each checkpoint's directory before its barriers go out (native store snapshots) */
    public CheckpointCoordinator(CheckpointStore store, long lastId, io.laminar.state.SnapshotFiles snapshotFiles) {
        this.store = store;
        this.lastId = lastId;
        this.snapshotFiles = snapshotFiles;
    }

    public CheckpointStore store() { return store; }

    public long lastId() { return lastId; }

    /** Continue numbering after {@code id} (recovery, RESTORE). */
    public void setLastId(long id) { this.lastId = id; }

    // ---- acknowledgements (any thread)

    @Override public void onSourceBarrier(SourceRuntime source, long e, SourceRuntime.Position position) {
        String name = sourceNames.get(source);
        if (e == epoch && name != null) sourcePositions.put(name, position);
    }

    @Override public void onOperatorSnapshot(Pipeline pipeline, int core, long e, byte[] state) {
        if (e == epoch) states.put(operatorKey(pipeline.name(), core), state);
    }

    @Override public void onSnapshotFailed(Pipeline pipeline, int core, long e, Throwable cause) {
        onFailure("query " + pipeline.name() + " on core " + core, e, cause);
    }

    /** A sink pre-committed epoch {@code e} (on the delivery thread). */
    public void onSinkPreCommitted(String sink, long e, String transaction) {
        if (e == epoch) transactions.put(sink, transaction);
    }

    /** A materialized view snapshotted its rows at barrier {@code e}. */
    public void onViewSnapshot(String view, long e, byte[] rows) {
        if (e == epoch) states.put("view:" + view, rows);
    }

    /** A participant failed to take part in epoch {@code e}: the checkpoint fails (the previous one stays). */
    public void onFailure(String participant, long e, Throwable t) {
        if (e == epoch) failures.put(participant, t);
    }

    static String operatorKey(String pipeline, int core) {
        return "op:" + pipeline + "@" + core;
    }

    // ---- taking a checkpoint (control thread)

    /**
     * Runs one checkpoint to a published manifest and returns it; the caller then commits the sinks' transactions.
     * Throws a CheckpointException when a participant fails or does not answer within {@code timeoutMillis}.
     */
    public Manifest take(Round round, long timeoutMillis) {
        long id = lastId + 1;
        sourcePositions.clear();
        states.clear();
        transactions.clear();
        failures.clear();
        sourceNames.clear();
        for (SourceEntry s : round.sources) sourceNames.put(s.runtime(), s.name());
        // the directory exists before the barriers: stores that snapshot natively write their files straight into it
        Path dir = store.prepare(id);
        snapshotFiles.writeInto(dir);
        try {
            collect(round, id, timeoutMillis);
        } catch (RuntimeException e) {
            store.delete(id); // a failed attempt leaves nothing that looks like an unfinished checkpoint
            throw e;
        }
        return write(round, id, dir);
    }

    /** Injects the barriers of epoch {@code id} and waits until every participant answered. */
    private void collect(Round round, long id, long timeoutMillis) {
        epoch = id;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (SourceEntry s : round.sources) s.runtime().requestBarrier(id);
        for (LongConsumer sink : round.unfedSinks) sink.accept(id);
        int expectedStates = round.views.size();
        for (Pipeline p : round.pipelines) expectedStates += p.instanceCount();
        while (true) {
            for (SourceEntry s : round.sources) {
                // a running connector injects at its next row boundary; otherwise nobody else is producing
                if (!s.runtime().barrierInjected(id) && (s.connectorThread() == null || !s.connectorThread().isAlive())) {
                    s.runtime().injectRequestedBarrier();
                }
            }
            if (!failures.isEmpty()) {
                Map.Entry<String, Throwable> f = failures.entrySet().iterator().next();
                throw new CheckpointException(ErrorCode.CHECKPOINT_FAILED, "checkpoint " + id + " failed: " + f.getKey()
                        + ": " + f.getValue().getMessage(), Map.of("checkpoint", id, "participant", f.getKey()), f.getValue());
            }
            if (sourcePositions.size() == round.sources.size() && states.size() == expectedStates
                    && transactions.size() == round.sinks.size()) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_FAILED, "checkpoint " + id + " did not complete within "
                        + timeoutMillis + " ms (sources " + sourcePositions.keySet() + " of " + round.sources.size()
                        + ", states " + states.size() + " of " + expectedStates + ", sinks " + transactions.keySet() + " of "
                        + round.sinks + "); the previous checkpoint stays valid", Map.of("checkpoint", id));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    /** Writes the state files and publishes the manifest of checkpoint {@code id}. */
    private Manifest write(Round round, long id, Path dir) {
        Manifest m = new Manifest();
        m.id = id;
        m.createdAtMillis = System.currentTimeMillis();
        m.cores = round.cores;
        Map<Integer, Long> walCut = new LinkedHashMap<>();
        for (SourceEntry s : round.sources) {
            SourceRuntime.Position p = sourcePositions.get(s.name());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", p.seq());
            e.put("maxEventTime", p.maxEventTime());
            e.put("watermark", p.watermark());
            e.put("finished", p.finished());
            e.put("connectorPosition", p.connectorPosition());
            e.put("walCore", s.walCore());
            e.put("walPosition", p.walPosition());
            e.put("rowsIn", p.rowsIn());
            m.sources.put(s.name(), e);
            if (s.walCore() >= 0) walCut.merge(s.walCore(), p.walPosition(), Math::min);
        }
        walCut.forEach((core, pos) -> m.wal.put(String.valueOf(core), pos));
        for (Pipeline p : round.pipelines) {
            Map<String, Object> files = new LinkedHashMap<>();
            for (int c = 0; c < p.instanceCount(); c++) {
                String file = safeName(p.name()) + "@core" + c + ".state";
                int crc = StateFile.write(dir.resolve(file), states.get(operatorKey(p.name(), c)));
                files.put(String.valueOf(c), fileRef(file, crc));
            }
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("fingerprint", round.fingerprints.get(p.name()));
            op.put("files", files);
            m.operators.put(p.name(), op);
        }
        for (String v : round.views) {
            String file = "view-" + safeName(v) + ".state";
            int crc = StateFile.write(dir.resolve(file), states.get("view:" + v));
            m.views.put(v, fileRef(file, crc));
        }
        m.sinks.putAll(transactions);
        m.external.putAll(CheckpointStore.nativeSnapshotFiles(dir));
        store.publish(m);
        lastId = id;
        states.clear();
        return m;
    }

    /** A manifest's reference to a state file, keys in a fixed order (the manifest's bytes are a tested format). */
    static Map<String, Object> fileRef(String file, int crc) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("file", file);
        ref.put("crc", crc);
        return ref;
    }

    /** A file name for an object name (names are SQL identifiers, but '$' and case are kept apart safely). */
    static String safeName(String name) {
        StringBuilder sb = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-') sb.append(ch);
            else sb.append('%').append(String.format("%04x", (int) ch));
        }
        return sb.toString();
    }
}
