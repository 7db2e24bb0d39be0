package io.laminar.bench.nexmark;

/**
 * One streaming engine running one Nexmark query in this JVM. The harness calls {@link #prepare} (not measured:
 * start the runtime, deploy statements that need no input) and then {@link #execute} (measured: generate every event,
 * run the query to the end of its output). Implementations report every output row to the digest they were given
 * or, given none, discard the output the way the Nexmark project's runs do (a black-hole sink: Flink's
 * {@code blackhole} connector, an Esper subscriber and a Laminar sink that drop every row).
 */
interface Engine extends AutoCloseable {
    /** Lower-case name as used by {@code --engines}. */
    String name();

    /**
     * Gets ready to run {@code query} over the first {@code events} Nexmark events; {@code digest} null: discard
     * the output (a measured run).
     *
     * @throws QueryNotRunnable when this engine cannot express or run the query
     */
    void prepare(NexmarkQuery query, long events, ResultDigest digest) throws Exception;

    /** Generates the events and runs the query until its last output row reached the digest. */
    void execute() throws Exception;

    /** Threads doing the work (for the report): Laminar's cores, Flink's parallelism, 1 for Esper. */
    int workerThreads();

    @Override void close() throws Exception;

    /** The engine cannot run a query; the message says why (it ends up in the JSON's {@code error}). */
    final class QueryNotRunnable extends Exception {
        QueryNotRunnable(String message) {
            super(message);
        }
    }

    static Engine create(String name, int cores) {
        return switch (name) {
            case "laminar" -> new LaminarEngine(cores);
            case "flink" -> new FlinkEngine(cores);
            case "esper" -> new EsperEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; engines: " + NexmarkQuery.ENGINES);
        };
    }
}
