package io.laminar.bench.nexmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.bench.Flags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/laminar bench nexmark [--events N] [--queries q0,q1,...|all] [--engines laminar,flink,esper]
 * [--out DIR] [--cores N] [--warmup N] [--warmup-rounds R] [--dump]}: runs each query on each engine, each run
 * in a JVM of its own ({@link EngineProcess}), over the same generated events, then prints a table and writes
 * {@code DIR/nexmark.json} and {@code DIR/nexmark.csv} (DESIGN.md §7).
 *
 * <p>Figures per run: wall seconds of the measured part, CPU cores used (process CPU time / wall time), and
 * events/s per core = events / seconds / cores used, with generation included as the Nexmark project counts it.
 * Laminar's rows carry its ratio to each peer ({@code vs_flink}, {@code vs_esper}: Laminar's per-core rate over the
 * peer's). A peer's {@code matches_reference} says whether its final output multiset equalled Laminar's on the same
 * events (null when either did not run or the query depends on timing); Laminar's own row has null there, being the
 * reference. A query an engine cannot run has {@code "error"} instead of figures.
 */
public final class NexmarkBench {
    static final List<String> CHILD_JVM_FLAGS = List.of("-XX:+UseParallelGC", "-Xms1g", "-Xmx3g",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            // Arrow (Laminar) and Flink's serializers reach into the JDK's internals
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.sql/java.sql=ALL-UNNAMED");
    static final Set<String> FLAGS = Set.of("events", "queries", "engines", "out", "cores", "warmup",
            "warmup-rounds", "dump", "timeout-seconds");
    static final Set<String> SWITCHES = Set.of("dump");

    private NexmarkBench() {}

    public static int run(String[] argv, PrintStream out) throws Exception {
        Flags args = Flags.parse(argv, FLAGS, SWITCHES, NexmarkBench::usage);
        long events = args.positive("events", 1_000_000);
        // each warm-up round as long as the measured run (as JMH warms up with iterations like the measured ones): with
        // rounds of 1M events, per-batch code was still being compiled in a 5M-event measured part (Laminar's q22
        // 7.8M events/s/core there, 8.6-9.1M once the JIT was quiet; Esper's q0 1.9M vs 3.7M)
        long warmup = args.positive("warmup", events);
        // rounds of warm-up, each in a fresh engine instance (EngineProcess.warmUp)
        long warmupRounds = args.positive("warmup-rounds", EngineProcess.DEFAULT_WARMUP_ROUNDS);
        int cores = (int) args.positive("cores", Runtime.getRuntime().availableProcessors());
        long timeout = args.positive("timeout-seconds", 900);
        Path dir = Path.of(args.get("out", "target/bench"));
        List<NexmarkQuery> queries = queries(args.get("queries"));
        List<String> engines = engines(args.get("engines"));
        Files.createDirectories(dir.resolve("logs"));
        String dump = args.has("dump") ? dir.resolve("rows").toString() : null;

        out.printf(Locale.ROOT, "Nexmark: %,d events, queries %s, engines %s, %d cores (Laminar cores = Flink parallelism)%n",
                events, queries.stream().map(NexmarkQuery::id).toList(), engines, cores);
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> results = new ArrayList<>();
        for (NexmarkQuery q : queries) {
            Map<String, ObjectNode> byEngine = new LinkedHashMap<>();
            for (String engine : engines) {
                out.printf(Locale.ROOT, "  %-8s %-7s ... ", q.id(), engine);
                out.flush();
                ObjectNode r = runChild(json, q, engine, events, warmup, warmupRounds, cores, timeout, dir, dump);
                out.println(r.has("error") ? "error: " + r.get("error").asText()
                        : String.format(Locale.ROOT, "%,d events/s/core", r.get("events_per_sec_per_core").asLong()));
                byEngine.put(engine, r);
            }
            compare(q, byEngine);
            results.addAll(byEngine.values());
        }
        out.println();
        out.print(table(results, engines));
        Path jsonFile = dir.resolve("nexmark.json");
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), results);
        Path csvFile = dir.resolve("nexmark.csv");
        Files.writeString(csvFile, csv(results));
        out.println();
        out.println("wrote " + jsonFile + " and " + csvFile + (dump != null ? "; rows in " + dump : ""));
        return 0;
    }

    private static ObjectNode runChild(ObjectMapper json, NexmarkQuery q, String engine, long events, long warmup,
                                       long warmupRounds, int cores, long timeoutSeconds, Path dir, String dump) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(CHILD_JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EngineProcess.class.getName());
        cmd.addAll(List.of("--engine", engine, "--query", q.id(), "--events", Long.toString(events),
                "--warmup", Long.toString(warmup), "--warmup-rounds", Long.toString(warmupRounds),
                "--cores", Integer.toString(cores)));
        if (dump != null) cmd.add("--dump=" + dump);
        Path log = dir.resolve("logs").resolve(q.id() + "-" + engine + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String resultLine = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Thread killer = Thread.ofVirtual().start(() -> {
                try {
                    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) p.destroyForcibly();
                } catch (InterruptedException ignored) {
                    p.destroyForcibly();
                }
            });
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(EngineProcess.RESULT_PREFIX)) resultLine = line.substring(EngineProcess.RESULT_PREFIX.length());
            }
            killer.interrupt();
        }
        int exit = p.waitFor();
        if (resultLine != null) return (ObjectNode) json.readTree(resultLine);
        ObjectNode failed = json.createObjectNode();
        failed.put("query", q.id());
        failed.put("engine", engine);
        failed.put("events", events);
        failed.put("error", "the run's JVM ended (exit " + exit + ") without a result; timeout " + timeoutSeconds
                + " s; see " + log);
        return failed;
    }

    /** Sets matches_reference on every row and Laminar's ratios to its peers. */
    static void compare(NexmarkQuery q, Map<String, ObjectNode> byEngine) {
        ObjectNode reference = byEngine.get("laminar");
        boolean referenceOk = reference != null && !reference.has("error");
        for (Map.Entry<String, ObjectNode> e : byEngine.entrySet()) {
            ObjectNode r = e.getValue();
            boolean comparable = referenceOk && !r.has("error") && q.deterministic() && !e.getKey().equals("laminar");
            if (comparable) {
                r.put("matches_reference", r.get("fingerprint").asText().equals(reference.get("fingerprint").asText()));
            } else {
                r.putNull("matches_reference");
            }
            if (referenceOk && !r.has("error") && !e.getKey().equals("laminar")) {
                double ratio = reference.get("events_per_sec_per_core").asDouble() / r.get("events_per_sec_per_core").asDouble();
                reference.put("vs_" + e.getKey(), EngineProcess.round(ratio, 2));
            }
        }
    }

    static String table(List<ObjectNode> results, List<String> engines) {
        List<String> peers = engines.stream().filter(e -> !e.equals("laminar")).toList();
        StringBuilder sb = new StringBuilder();
        String head = String.format(Locale.ROOT, "%-9s %-8s %15s %9s %6s %10s", "query", "engine", "events/s/core",
                "seconds", "cores", "rows");
        for (String p : peers) head += String.format(Locale.ROOT, " %9s", "vs " + p);
        head += "  matches";
        sb.append(head).append('\n').append("-".repeat(head.length())).append('\n');
        for (ObjectNode r : results) {
            sb.append(String.format(Locale.ROOT, "%-9s %-8s ", r.get("query").asText(), r.get("engine").asText()));
            if (r.has("error")) {
                String err = r.get("error").asText();
                sb.append("error: ").append(err.length() > 110 ? err.substring(0, 107) + "..." : err).append('\n');
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%15s %9.2f %6.2f %10s",
                    String.format(Locale.ROOT, "%,d", r.get("events_per_sec_per_core").asLong()),
                    r.get("seconds").asDouble(), r.get("cpu_cores_used").asDouble(),
                    String.format(Locale.ROOT, "%,d", r.get("result_rows").asLong())));
            for (String p : peers) {
                JsonNode v = r.get("vs_" + p);
                sb.append(String.format(Locale.ROOT, " %9s", v == null ? "" : String.format(Locale.ROOT, "%.2fx", v.asDouble())));
            }
            JsonNode m = r.get("matches_reference");
            sb.append("  ").append(r.get("engine").asText().equals("laminar") ? "(reference)"
                    : m == null || m.isNull() ? "-" : m.asBoolean() ? "yes" : "NO").append('\n');
        }
        return sb.toString();
    }

    static final List<String> CSV_COLUMNS = List.of("query", "engine", "events", "seconds", "cpu_cores_used",
            "events_per_sec_per_core", "result_rows", "matches_reference", "vs_flink", "vs_esper", "error");

    static String csv(List<ObjectNode> results) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (ObjectNode r : results) {
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                if (i > 0) sb.append(',');
                JsonNode v = r.get(CSV_COLUMNS.get(i));
                if (v == null || v.isNull()) continue;
                String text = v.asText();
                sb.append(text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- arguments

    private static List<NexmarkQuery> queries(String spec) {
        if (spec == null) return NexmarkQuery.DEFAULT.stream().map(NexmarkQuery::byId).toList();
        if (spec.equalsIgnoreCase("all")) return NexmarkQuery.ALL;
        List<NexmarkQuery> out = new ArrayList<>();
        for (String id : spec.split(",")) {
            NexmarkQuery q = NexmarkQuery.byId(id);
            if (q == null) {
                throw usage("unknown query '" + id.trim() + "' in --queries; known: "
                        + NexmarkQuery.ALL.stream().map(NexmarkQuery::id).toList() + " or 'all'");
            }
            out.add(q);
        }
        return out;
    }

    private static List<String> engines(String spec) {
        if (spec == null) return NexmarkQuery.ENGINES;
        List<String> out = new ArrayList<>();
        for (String e : spec.split(",")) {
            String name = e.trim().toLowerCase(Locale.ROOT);
            if (!NexmarkQuery.ENGINES.contains(name)) {
                throw usage("unknown engine '" + e.trim() + "' in --engines; engines: " + NexmarkQuery.ENGINES);
            }
            out.add(name);
        }
        // Laminar first: it is the reference the others are compared with
        out.sort((a, b) -> Boolean.compare(!a.equals("laminar"), !b.equals("laminar")));
        return out;
    }

    static LaminarException usage(String problem) {
        return new LaminarException(ErrorCode.BAD_OPTION, problem + "\nusage: bin/laminar bench nexmark [--events N] "
                + "[--queries q0,q1,...|all] [--engines laminar,flink,esper] [--out DIR] [--cores N] [--warmup N] "
                + "[--warmup-rounds R] [--dump]");
    }
}
