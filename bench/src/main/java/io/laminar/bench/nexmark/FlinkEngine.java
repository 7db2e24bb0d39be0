package io.laminar.bench.nexmark;

import io.laminar.connector.generator.NexmarkConfig;
import io.laminar.connector.generator.NexmarkEvent;
import io.laminar.connector.generator.NexmarkGenerator;
import io.laminar.connector.generator.NexmarkTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Apache Flink SQL in a MiniCluster inside this JVM, with parallelism = the cores given. The three Nexmark tables
 * are DataStreams over {@code fromSequence(0, events - 1)}: each parallel subtask turns its range of event numbers
 * into the events of one table with Laminar's {@link NexmarkGenerator} (a pure function of the event number, so
 * every engine sees identical events), and registers them as a view with the reference watermark
 * ({@code dateTime - INTERVAL '4' SECOND}). The query's result goes through {@code toChangelogStream} into a sink
 * whose writers hash rows into per-subtask digests, merged into the run's digest when they close.
 * The MiniCluster is started in {@link #prepare} (a long-running embedded Flink has its cluster up already);
 * {@link #execute} covers building the job graph, submission, generation and processing until the job finished.
 */
final class FlinkEngine implements Engine {
    /** The run's digest; static because the MiniCluster's tasks run in this JVM but get our sink by serialisation. */
    private static volatile ResultDigest runDigest;
    /**
     * From a query's {@code -- upsert-key-columns: k} header: Flink sends this query's result as upserts (each row
     * replaces the previous one of its key, without a retraction — q9's top-1 does), so the sink keeps the last row
     * per key (the first k columns) and digests those; 0 for an ordinary changelog.
     */
    private static volatile int upsertKeyColumns;

    private final int parallelism;
    private StreamExecutionEnvironment env;
    private MiniCluster cluster;

    FlinkEngine(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override public String name() { return "flink"; }

    @Override public int workerThreads() { return parallelism; }

    @Override public void prepare(NexmarkQuery query, long events, ResultDigest digest) throws Exception {
        String sql = query.text("flink");
        runDigest = digest;
        String key = NexmarkQuery.header(sql).get("upsert-key-columns");
        upsertKeyColumns = key == null ? 0 : Integer.parseInt(key.trim());
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(RestOptions.BIND_PORT, "0"); // any free port: two harness runs on one machine must not collide on 8081
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
        env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        for (NexmarkTable table : NexmarkTable.values()) {
            DataStream<Row> rows = env.fromSequence(0, events - 1)
                    .flatMap(new Generate(table))
                    .returns(rowType(table))
                    .name("nexmark-" + table.tableName());
            Table t = tEnv.fromDataStream(rows, Schema.newBuilder()
                    .columnByExpression("dateTime", "CAST(dt AS TIMESTAMP(3))")
                    .watermark("dateTime", "`dateTime` - INTERVAL '4' SECOND")
                    .build());
            tEnv.createTemporaryView(table.tableName(), t);
        }
        Table result;
        try {
            // a text may define views first; its last statement is the query
            String[] statements = stripComments(sql).split(";\\s*(?=\\S)");
            for (int i = 0; i < statements.length - 1; i++) tEnv.executeSql(statements[i]);
            result = tEnv.sqlQuery(statements[statements.length - 1].replaceAll(";\\s*$", ""));
        } catch (RuntimeException e) {
            throw new QueryNotRunnable("Flink rejected the query: " + firstLine(e));
        }
        if (digest == null) { // Nexmark's own runs end in a blackhole table: no conversion to Row, nothing kept
            var set = tEnv.createStatementSet();
            set.addInsert(org.apache.flink.table.api.TableDescriptor.forConnector("blackhole")
                    .schema(Schema.newBuilder().fromResolvedSchema(result.getResolvedSchema()).build()).build(), result);
            set.attachAsDataStream();
        } else {
            tEnv.toChangelogStream(result).sinkTo(new DigestSink()).name("digest");
        }
    }

    @Override public void execute() throws Exception {
        cluster.executeJobBlocking(env.getStreamGraph().getJobGraph());
    }

    @Override public void close() throws Exception {
        if (env != null) env.close();
        if (cluster != null) cluster.closeAsync().get();
        runDigest = null;
    }

    static String stripComments(String sql) {
        return sql.replaceAll("(?m)^\\s*--.*$", "").trim();
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The table's fields as Flink row fields; event time arrives as {@code dt} and becomes {@code dateTime}. */
    private static TypeInformation<Row> rowType(NexmarkTable table) {
        var fields = table.fields();
        String[] names = new String[fields.size()];
        TypeInformation<?>[] types = new TypeInformation<?>[fields.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = fields.get(i).name().equals("dateTime") ? "dt" : fields.get(i).name();
            types[i] = switch (fields.get(i).type()) {
                case BIGINT -> Types.LONG;
                case VARCHAR -> Types.STRING;
                case TIMESTAMP -> Types.LOCAL_DATE_TIME;
                default -> throw new IllegalStateException("no Flink type for " + fields.get(i));
            };
        }
        return Types.ROW_NAMED(names, types);
    }

    private static LocalDateTime time(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** One parallel generator: event numbers in, the events of one table out (default config, as everywhere). */
    private static final class Generate extends RichFlatMapFunction<Long, Row> {
        private final NexmarkTable table;
        private transient NexmarkGenerator generator;

        Generate(NexmarkTable table) {
            this.table = table;
        }

        @Override public void open(OpenContext context) {
            generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        }

        @Override public void flatMap(Long number, Collector<Row> out) {
            long n = number;
            if (NexmarkGenerator.kindOf(n) != table) return;
            out.collect(switch (generator.event(n)) {
                case NexmarkEvent.Bid b -> Row.of(b.auction(), b.bidder(), b.price(), b.channel(), b.url(),
                        time(b.dateTime()), b.extra());
                case NexmarkEvent.Auction a -> Row.of(a.id(), a.itemName(), a.description(), a.initialBid(),
                        a.reserve(), time(a.dateTime()), time(a.expires()), a.seller(), a.category(), a.extra());
                case NexmarkEvent.Person p -> Row.of(p.id(), p.name(), p.emailAddress(), p.creditCard(), p.city(),
                        p.state(), time(p.dateTime()), p.extra());
            });
        }
    }

    /** Hashes each changelog row; one writer per subtask, merged into the run's digest at the end of input. */
    private static final class DigestSink implements Sink<Row> {
        @Override public SinkWriter<Row> createWriter(WriterInitContext context) {
            ResultDigest target = runDigest;
            ResultDigest local = new ResultDigest(target.keepsRows());
            int keyColumns = upsertKeyColumns;
            java.util.Map<java.util.List<Object>, Row> latest = keyColumns > 0 ? new java.util.HashMap<>() : null;
            return new SinkWriter<>() {
                @Override public void write(Row row, Context ctx) {
                    RowKind kind = row.getKind();
                    if (latest != null) { // rows of one key reach one subtask, in order
                        java.util.List<Object> key = new java.util.ArrayList<>();
                        for (int i = 0; i < keyColumns; i++) key.add(row.getField(i));
                        if (kind == RowKind.DELETE) latest.remove(key);
                        else if (kind != RowKind.UPDATE_BEFORE) latest.put(key, Row.copy(row));
                        return;
                    }
                    hash(row, kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER);
                }

                private void hash(Row row, boolean insert) {
                    local.beginRow();
                    for (int i = 0; i < row.getArity(); i++) {
                        switch (row.getField(i)) {
                            case LocalDateTime t -> local.addLong(t.toInstant(ZoneOffset.UTC).toEpochMilli());
                            case Instant t -> local.addLong(t.toEpochMilli());
                            case LocalDate d -> local.addLong(d.toEpochDay());
                            case Object o -> local.addObject(o);
                            case null -> local.addNull();
                        }
                    }
                    local.endRow(insert);
                }

                @Override public void flush(boolean endOfInput) {}

                @Override public void close() {
                    if (latest != null) for (Row row : latest.values()) hash(row, true);
                    target.merge(local);
                }
            };
        }
    }
}
