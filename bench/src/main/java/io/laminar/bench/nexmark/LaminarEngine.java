package io.laminar.bench.nexmark;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Laminar through its public SQL API, as an embedding program would run it: {@code Laminar.open}, the Nexmark
 * sources as {@code CREATE SOURCE ... FROM GENERATOR(...)}, the query as {@code CREATE STREAM q_out AS ...}, and a
 * sink: {@code INTO BLACKHOLE} for the measured run, {@code INTO BENCH_DIGEST} (every output row into the run's
 * {@link ResultDigest}) for the results check.
 * {@link #prepare} plans the statements in a database opened with {@code autoStartSources(false)} (as the peers
 * compile their query before the measured part: Flink plans its SQL, Esper compiles and deploys its EPL), so
 * {@link #execute} covers generation and processing: it starts the sources and ends when the bounded sources are done
 * and the last row reached the sink.
 */
final class LaminarEngine implements Engine {
    private static final Map<String, ResultDigest> DIGESTS = new ConcurrentHashMap<>();
    private static final String SINK_CONNECTOR = "BENCH_DIGEST";

    static {
        Connectors.register(new DigestSinkFactory());
    }

    private final int cores;
    private Laminar db;
    private String runId;

    LaminarEngine(int cores) {
        this.cores = cores;
    }

    @Override public String name() { return "laminar"; }

    @Override public int workerThreads() { return cores; }

    @Override public void prepare(NexmarkQuery query, long events, ResultDigest digest) throws Exception {
        String sources = NexmarkQuery.resource("nexmark/laminar/_sources.sql").replace("${events}", Long.toString(events));
        runId = "run" + System.nanoTime();
        if (digest != null) DIGESTS.put(runId, digest);
        // a measured run ends in Laminar's BLACKHOLE sink (Nexmark's black-hole convention; it drops rows on the
        // producing core, as Flink's blackhole sink is chained to its producer and Esper calls its subscriber inline)
        String script = sources + ";\n" + query.text("laminar") + ";\nCREATE SINK bench_digest FROM q_out INTO "
                + (digest == null ? "BLACKHOLE" : SINK_CONNECTOR + " (id = '" + runId + "')");
        db = Laminar.open(new Config().cores(cores).statementTimeoutMillis(3_600_000L).autoStartSources(false));
        db.executeAll(script);
    }

    @Override public void execute() throws Exception {
        db.startSources();
        if (!db.database().awaitBoundedSources(3_600_000L)) {
            throw new IllegalStateException("a Nexmark source of the benchmark is unbounded; check _sources.sql");
        }
    }

    @Override public void close() {
        if (db != null) db.close();
        if (runId != null) DIGESTS.remove(runId);
    }

    /** {@code BENCH_DIGEST (id = '...')}: hashes each row into the digest registered under {@code id}. */
    private static final class DigestSinkFactory implements ConnectorFactory {
        @Override public String name() { return SINK_CONNECTOR; }

        @Override public Set<String> optionKeys() { return Set.of("id"); }

        @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options,
                                                  Path workDir) {
            ResultDigest digest = DIGESTS.get(options.required("id"));
            if (digest == null) throw options.bad("id", options.required("id"), "must name a running benchmark");
            return new DigestSink(schema, digest);
        }
    }

    /** Runs on Laminar's delivery thread; reads the columns unboxed. */
    private static final class DigestSink implements SinkConnector {
        private final ResultDigest digest;
        private final ColumnType[] types;
        private final int[] scales;

        DigestSink(Schema schema, ResultDigest digest) {
            this.digest = digest;
            this.types = new ColumnType[schema.size()];
            this.scales = new int[schema.size()];
            for (int c = 0; c < types.length; c++) {
                types[c] = schema.field(c).type();
                // a DECIMAL held as scaled longs (its spilled values are read as BigDecimals)
                scales[c] = schema.field(c).storage() == ColumnType.Storage.SCALED_DECIMAL ? schema.field(c).scale() : -1;
            }
        }

        @Override public void write(Batch batch) {
            for (int r = 0; r < batch.size; r++) {
                digest.beginRow();
                for (int c = 0; c < types.length; c++) {
                    if (batch.nulls[c][r]) digest.addNull();
                    else if (scales[c] >= 0 && batch.longs[c][r] != Batch.DECIMAL_SPILLED) digest.addScaledDecimal(batch.longs[c][r], scales[c]);
                    else if (types[c].storage == ColumnType.Storage.LONG) digest.addLong(batch.longs[c][r]);
                    else if (types[c].storage == ColumnType.Storage.DOUBLE) digest.addDouble(batch.doubles[c][r]);
                    else if (types[c] == ColumnType.DECIMAL) digest.addDecimal(batch.decimal(c, r));
                    else digest.addObject(batch.objects[c][r]);
                }
                byte op = batch.ops[r];
                digest.endRow(op == RowKind.INSERT || op == RowKind.UPDATE_AFTER);
            }
        }

        // on the producing core, as the measured run's BLACKHOLE is, so the check covers the path that was measured
        // (a stream produced on several cores is still served by the delivery thread: the digest is single-threaded)
        @Override public boolean writesOnProducingCore() { return true; }

        @Override public void flush() {}

        @Override public void close() {}
    }
}
