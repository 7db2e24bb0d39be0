package io.laminar.bench.nexmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.laminar.bench.Flags;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One measured run in a JVM of its own: {@code EngineProcess --engine E --query Q --events N --cores C
 * [--warmup W] [--warmup-rounds R] [--dump DIR]}. A fresh process per (query, engine) keeps class paths' side
 * effects, JIT profiles and heap state of one engine from colouring another's figures. It first warms up: rounds
 * over W events each ({@link NexmarkBench} passes the measured run's size by default), R of them, every one in a
 * fresh instance of the engine (class loading, planner and JIT
 * warm-up, as a long-running embedded engine would be) — per-batch methods reach the optimising compiler only after
 * thousands of batches, more than one short round gives them; the same number of rounds for every engine (an
 * adaptive stop, "until the JIT is quiet", was tried: no engine went quiet within five). Then it prepares a run over
 * N events and measures {@link Engine#execute} only: wall time and this process's CPU time (every thread: engine, generator,
 * GC, JIT). Measured runs end in a black-hole sink, as the Nexmark project's do; a third run over the same N events,
 * not measured, hashes every output row into the {@link ResultDigest} that the results check compares across
 * engines. Prints one line {@code NEXMARK-RESULT {json}} for {@link NexmarkBench} to collect.
 */
public final class EngineProcess {
    static final String RESULT_PREFIX = "NEXMARK-RESULT ";

    static final int DEFAULT_WARMUP_ROUNDS = 5;

    private EngineProcess() {}

    /** Milliseconds every garbage collector has spent so far. */
    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /**
     * Waits (at most 3 s) until the JIT compiler has gone quiet for 100 ms, so that compiling what {@code prepare}
     * loaded (planners, compilers, deployment code) is not charged to the measured part as CPU time — it weighs
     * most on the shortest runs, and it is the same rule for every engine.
     */
    static void awaitQuietCompiler() throws InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
        long deadline = System.nanoTime() + 3_000_000_000L;
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    /** Runs {@code rounds} warm-up rounds, each in a fresh instance of the engine. */
    static void warmUp(String engineName, int cores, NexmarkQuery query, long events, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            try (Engine engine = Engine.create(engineName, cores)) {
                engine.prepare(query, events, null);
                engine.execute();
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Flags args = Flags.parse(argv, Set.of("engine", "query", "events", "warmup", "warmup-rounds", "cores", "dump"), Set.of(),
                NexmarkBench::usage);
        String engineName = args.get("engine");
        NexmarkQuery query = NexmarkQuery.byId(args.get("query"));
        long events = args.positive("events", 1);
        long warmup = args.has("warmup") ? Long.parseLong(args.get("warmup")) : 0;
        int warmupRounds = args.has("warmup-rounds") ? (int) args.positive("warmup-rounds", 1) : DEFAULT_WARMUP_ROUNDS;
        int cores = (int) args.positive("cores", 1);
        String dump = args.get("dump");

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query.id());
        out.put("engine", engineName);
        out.put("events", events);
        try {
            if (warmup > 0) {
                warmUp(engineName, cores, query, warmup, warmupRounds);
                out.put("warmup_rounds", warmupRounds);
            }
            try (Engine engine = Engine.create(engineName, cores)) {
                engine.prepare(query, events, null);
                System.gc();
                awaitQuietCompiler();
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                var jit = ManagementFactory.getCompilationMXBean();
                long jit0 = jit.getTotalCompilationTime(), gc0 = gcMillis();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                engine.execute();
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                // where CPU time went besides the engine's threads (diagnostics: JIT compiler threads, collections)
                out.put("jit_ms", jit.getTotalCompilationTime() - jit0);
                out.put("gc_ms", gcMillis() - gc0);
                double seconds = wall / 1e9;
                double coresUsed = Math.max(cpu, 1) / (double) wall;
                out.put("seconds", round(seconds, 3));
                out.put("cpu_cores_used", round(coresUsed, 2));
                out.put("events_per_sec_per_core", Math.round(events / seconds / coresUsed));
                out.put("threads", engine.workerThreads());
            }
            // the check, not measured: the same events again, every output row hashed into the digest
            ResultDigest digest = new ResultDigest(dump != null);
            try (Engine engine = Engine.create(engineName, cores)) {
                engine.prepare(query, events, digest);
                engine.execute();
            }
            out.put("result_rows", digest.finalRows());
            out.put("emitted_rows", digest.emittedRows());
            out.put("fingerprint", digest.fingerprint());
            if (dump != null) digest.dump(Path.of(dump, query.id() + "-" + engineName + ".txt"));
        } catch (Engine.QueryNotRunnable e) {
            out.put("error", e.getMessage());
        } catch (Throwable t) {
            out.put("error", describe(t));
        }
        System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
        // Flink and Laminar leave non-daemon threads behind after close; the result is out, so end here
        System.exit(0);
    }

    /** The innermost cause's message: where engines wrap the real reason (a planner error) several times. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String top = t.getClass().getSimpleName() + ": " + FlinkEngine.firstLine(t);
        if (root == t || FlinkEngine.firstLine(root).equals(FlinkEngine.firstLine(t))) return top;
        return top + " (cause: " + root.getClass().getSimpleName() + ": " + FlinkEngine.firstLine(root) + ")";
    }

    static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }
}
