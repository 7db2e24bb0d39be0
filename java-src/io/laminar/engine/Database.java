package io.laminar.engine;

import io.laminar.Config;
import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.QueryResult;
import io.laminar.SqlException;
import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.exec.Dataflow;
import io.laminar.exec.DeadLetter;
import io.laminar.exec.Delivery;
import io.laminar.exec.Node;
import io.laminar.exec.Pipeline;
import io.laminar.exec.SourceRuntime;
import io.laminar.operator.EmitMode;
import io.laminar.plan.PhysicalPlan;
import io.laminar.plan.QueryPlan;
import io.laminar.plan.StreamPlanner;
import io.laminar.sql.CatalogTable;
import io.laminar.sql.SqlFrontEnd;
import io.laminar.sql.SqlStatements;
import io.laminar.sql.TypeMapping;
import io.laminar.sql.ddl.SqlCheckpoint;
import io.laminar.sql.ddl.SqlColumn;
import io.laminar.sql.ddl.SqlCreateSink;
import io.laminar.sql.ddl.SqlCreateSource;
import io.laminar.sql.ddl.SqlCreateStream;
import io.laminar.sql.ddl.SqlCreateTable;
import io.laminar.sql.ddl.SqlDropObject;
import io.laminar.sql.ddl.SqlEmit;
import io.laminar.sql.ddl.SqlLaminarExplain;
import io.laminar.sql.ddl.SqlRestore;
import io.laminar.sql.ddl.SqlSetProperty;
import io.laminar.sql.ddl.SqlShow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * The control plane (Ring 2): the catalog, statement execution, and the lifecycle of sources, queries and sinks.
 * Statements are executed one at a time (this object's monitor); the data plane ({@link Dataflow}) runs alongside.
 *
 * <p>Connector sources start at the end of the first {@link #execute} that leaves them with a reader, so a script
 * that declares a source and then its streams loses no rows.
 */
public final class Database implements AutoCloseable {
    private final Config config;
    /** False until {@link #startSources()} when the config turned automatic source starts off. */
    private volatile boolean sourcesReleased;
    private final SqlFrontEnd frontEnd = new SqlFrontEnd();
    private final Dataflow dataflow;
    private final Map<String, CatalogEntry> catalog = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<DeadLetter> recentDeadLetters = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<DeadLetter>> deadLetterListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    // ---- durability (a database with a directory); see Durability and the "durability" section below
    private final Durability durable;
    private io.laminar.state.RocksStateBackend rocks;
    /** True while the catalog log is replayed on open: statements are neither logged nor start sources. */
    private boolean replaying;
    /** Statements logged before this open, matched against a re-run script; -1 once a statement diverged. */
    private List<io.laminar.checkpoint.CatalogLog.Entry> recoveredStatements = List.of();
    /** While a logged statement runs: its index in the catalog log (a CREATE SOURCE's incarnation); else -1. */
    private long statementOrdinal = -1;
    /** While an INSERT into a MEMORY source runs: the id its WAL rows carry; else 0. */
    private long insertStatementId;
    private int matchIndex = -1;
    private final java.util.Set<String> recoveredObjects = new java.util.HashSet<>();

    public Database(Config config) {
        this.config = config.conclude();
        this.sourcesReleased = config.autoStartSources();
        this.dataflow = new Dataflow(config.cores(), config.inlineExecution());
        if (config.directory() == null) {
            durable = null;
            return;
        }
        durable = new Durability(config, config.cores());
        dataflow.setBarrierListener(durable.coordinator);
        try {
            synchronized (this) { // no checkpoint or statement may see the catalog half rebuilt
                recover();
            }
        } catch (RuntimeException e) {
            closed = true;
            dataflow.close();
            durable.close();
            if (rocks != null) rocks.close();
            throw e;
        }
    }

    public Config config() { return config; }
    public Dataflow dataflow() { return dataflow; }

    private static String key(String name) { return name.toLowerCase(Locale.ROOT); }

    // ------------------------------------------------------------------ statements

    /** Runs every statement of a script; returns one result per statement. */
    public synchronized List<QueryResult> execute(String script) {
        checkOpen();
        List<QueryResult> results = new ArrayList<>();
        try {
            for (SqlStatements.Statement st : SqlStatements.parse(script)) {
                try {
                    results.add(executeLogged(st.node(), st.text()));
                } catch (LaminarException e) {
                    throw withStatement(e, st);
                }
            }
        } finally {
            startIdleSources();
        }
        return results;
    }

    private static LaminarException withStatement(LaminarException e, SqlStatements.Statement st) {
        if (e.data().containsKey("statement")) return e;
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put("statement", st.text());
        data.put("statementLine", st.line());
        String msg = e.getMessage().substring(e.code().code.length() + 2);
        return new SqlException(e.code(), msg + "\n  in statement at line " + st.line() + ": " + abbreviate(st.text()), data, e);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }

    private QueryResult execute(SqlNode node, String text) {
        if (node instanceof SqlCreateSource s) return createSource(s, text);
        if (node instanceof SqlCreateStream s) return createStream(s, text);
        if (node instanceof SqlCreateSink s) return createSink(s, text);
        if (node instanceof SqlCreateTable t) return createTable(t, text);
        if (node instanceof SqlDropObject d) return drop(d);
        if (node instanceof SqlShow s) return show(s.what);
        if (node instanceof SqlDescribeTable d) return describe(last(d.getTable()));
        if (node instanceof SqlLaminarExplain e) return explain(e);
        if (node instanceof SqlSetProperty p) return set(p.key, p.value);
        if (node instanceof SqlInsert i) return insert(i);
        if (node instanceof SqlCheckpoint) {
            long id = checkpoint();
            return QueryResult.ddl("checkpoint " + id + " complete");
        }
        if (node instanceof SqlRestore r) {
            restore(r.checkpointId);
            return QueryResult.ddl("restored checkpoint " + r.checkpointId);
        }
        if (node.getKind().belongsTo(SqlKind.QUERY)) return query(node);
        throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "statement " + node.getKind() + " is not supported");
    }

    private static String last(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    private CatalogEntry lookup(String name) {
        CatalogEntry e = catalog.get(key(name));
        if (e == null) {
            String hint = Options.closest(key(name), catalog.keySet());
            throw new SqlException(ErrorCode.OBJECT_NOT_FOUND, "no source, stream, view, sink or table named " + name
                    + (hint != null ? "; did you mean " + catalog.get(hint).name + "?" : ""), Map.of("object", name), null);
        }
        return e;
    }

    /** Handles OR REPLACE / IF NOT EXISTS; returns false when the statement should do nothing. */
    private boolean claimName(String name, CatalogEntry.Kind kind, boolean replace, boolean ifNotExists) {
        CatalogEntry existing = catalog.get(key(name));
        if (existing == null) return true;
        if (ifNotExists) return false;
        if (replace) {
            if (existing.kind != kind && !(isStreamLike(existing.kind) && isStreamLike(kind))) {
                throw new SqlException(ErrorCode.OBJECT_EXISTS, name + " exists as a " + existing.kind.sql
                        + "; OR REPLACE cannot change it into a " + kind.sql);
            }
            List<CatalogEntry> deps = dependents(existing.name);
            if (!deps.isEmpty()) {
                throw new SqlException(ErrorCode.DEPENDENT_OBJECTS, "cannot replace " + name + ": "
                        + describeList(deps) + " read it; drop them first (or DROP ... CASCADE)");
            }
            dropEntry(existing);
            return true;
        }
        if (recoveredObjects.contains(key(name))) {
            throw new SqlException(ErrorCode.CATALOG_MISMATCH, "a " + existing.kind.sql + " named " + existing.name
                    + " was recovered from " + config.directory() + ", created by a different statement: "
                    + abbreviate(existing.sql) + " — its state in the directory belongs to that definition; use another "
                    + "directory, or DROP " + existing.kind.sql + " " + existing.name + " first",
                    Map.of("object", name, "directory", String.valueOf(config.directory())), null);
        }
        throw new SqlException(ErrorCode.OBJECT_EXISTS, "a " + existing.kind.sql + " named " + existing.name
                + " already exists; use CREATE OR REPLACE, IF NOT EXISTS, or another name", Map.of("object", name), null);
    }

    private static boolean isStreamLike(CatalogEntry.Kind k) {
        return k == CatalogEntry.Kind.STREAM || k == CatalogEntry.Kind.MATERIALIZED_VIEW;
    }

    // ------------------------------------------------------------------ sources

    private QueryResult createSource(SqlCreateSource s, String text) {
        String name = last(s.name);
        if (!claimName(name, CatalogEntry.Kind.SOURCE, s.getReplace(), s.ifNotExists)) {
            return QueryResult.ddl("source " + name + " already exists (IF NOT EXISTS)");
        }
        java.util.Set<String> procTime = procTimeColumns("SOURCE " + name, s.columns);
        Schema schema = schemaOf(name, s.columns.stream().filter(c -> !c.isComputed()).toList());
        int rowtime = -1;
        long delay = 0;
        String wmColumn = null;
        if (s.watermark != null) {
            wmColumn = s.watermark.column;
            rowtime = schema.indexOf(wmColumn);
            if (rowtime < 0) {
                throw new SqlException(ErrorCode.VALIDATION, "WATERMARK FOR " + wmColumn + ": source " + name
                        + " has no such column; its columns are " + schema.names());
            }
            if (schema.field(rowtime).type() != ColumnType.TIMESTAMP) {
                throw new SqlException(ErrorCode.VALIDATION, "WATERMARK FOR " + wmColumn + ": the event-time column must "
                        + "be TIMESTAMP(3), not " + schema.field(rowtime).sqlType());
            }
            delay = watermarkDelay(name, wmColumn, s.watermark.expression);
            schema = schema.withRowtime(rowtime);
        }
        int[] upsertKey = s.primaryKey.isEmpty() ? null : keyColumns("SOURCE " + name, schema, s.primaryKey);
        String connector = s.connector == null ? "MEMORY" : s.connector.toUpperCase(Locale.ROOT);
        Map<String, String> opts = new LinkedHashMap<>(s.options);
        if (s.format != null) opts.put("format", s.format.toLowerCase(Locale.ROOT));
        ConnectorFactory factory = null;
        Options options = new Options("SOURCE " + name, opts);
        if (!connector.equals("MEMORY")) {
            factory = Connectors.get(connector);
            options.checkKnown(connector, factory.optionKeys());
            factory.validateSource(name, schema, options);
        } else if (!opts.isEmpty()) {
            options.checkKnown("MEMORY", java.util.Set.of());
        }
        SourceRuntime runtime = dataflow.addSource(name, schema, delay, rowtime, this::onDeadLetter);
        CatalogEntry.Source entry = new CatalogEntry.Source(name, text, schema, wmColumn, delay, connector, opts, runtime,
                upsertKey);
        if (factory != null) {
            entry.connectorInstance = factory.createSource(name, schema, options, workDir());
            runtime.setConnectorPosition(entry.connectorInstance::position);
        } else if (durable != null) {
            io.laminar.wal.SourceLogWriter log = new io.laminar.wal.SourceLogWriter(durable.wals[runtime.homeCore()],
                    io.laminar.wal.SourceLogWriter.sourceKey(name, statementOrdinal));
            durable.sourceLogs.put(key(name), log);
            runtime.setLog(log);
        }
        catalog.put(key(name), entry);
        CatalogTable table = new CatalogTable(name, "SOURCE", schema, null);
        if (procTime.isEmpty()) frontEnd.register(name, table);
        else frontEnd.registerWithComputedColumns(name, table, s.columns.stream().map(c -> c.name).toList(), procTime);
        entry.procTimeColumns = procTime;
        return QueryResult.ddl("created source " + name);
    }

    private Path workDir() {
        return config.directory() != null ? config.directory() : Path.of(".");
    }

    private long watermarkDelay(String source, String column, SqlNode expr) {
        if (expr instanceof SqlIdentifier id && last(id).equalsIgnoreCase(column)) return 0;
        if (expr instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS
                && call.operand(0) instanceof SqlIdentifier id && last(id).equalsIgnoreCase(column)
                && call.operand(1) instanceof SqlLiteral lit) {
            Long ms = lit.getValueAs(Long.class);
            if (ms != null && ms >= 0) return ms;
        }
        throw new SqlException(ErrorCode.VALIDATION, "WATERMARK FOR " + column + " of source " + source + " must be "
                + column + " or " + column + " - INTERVAL '<n>' <unit> (bounded out-of-orderness), got " + expr);
    }

    /**
     * The computed columns of a SOURCE — each must be {@code name AS PROCTIME()}, computed when a query reads the
     * row — by name; stored and computed names must differ.
     */
    private static java.util.Set<String> procTimeColumns(String object, List<SqlColumn> columns) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(), seen = new java.util.HashSet<>();
        for (SqlColumn c : columns) {
            if (!seen.add(key(c.name))) {
                throw new SqlException(ErrorCode.VALIDATION, object + " declares column " + c.name + " twice");
            }
            if (!c.isComputed()) continue;
            if (!(c.expression instanceof SqlBasicCall call && call.getOperator().getName().equalsIgnoreCase("PROCTIME")
                    && call.operandCount() == 0)) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, object + ": computed column " + c.name + " AS "
                        + c.expression + " — only PROCTIME() can be computed in a source declaration; compute other "
                        + "expressions in a stream that reads the source");
            }
            names.add(c.name);
        }
        return names;
    }

    private Schema schemaOf(String object, List<SqlColumn> columns) {
        List<Field> fields = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SqlColumn c : columns) {
            if (!seen.add(key(c.name))) {
                throw new SqlException(ErrorCode.VALIDATION, object + " declares column " + c.name + " twice");
            }
            RelDataType t = frontEnd.deriveType(c.type);
            Field f = TypeMapping.toField(c.name, t);
            fields.add(new Field(c.name, f.type(), c.nullable, f.precision(), f.scale()));
        }
        return new Schema(fields);
    }

    private void onDeadLetter(DeadLetter d) {
        recentDeadLetters.add(d);
        if (recentDeadLetters.size() > 1000) recentDeadLetters.remove(0);
        for (var l : deadLetterListeners) l.accept(d);
    }

    /** Receives every dead letter (rows sources could not decode) as it happens, on the source's thread. */
    public void onDeadLetters(java.util.function.Consumer<DeadLetter> listener) {
        deadLetterListeners.add(listener);
    }

    public List<DeadLetter> recentDeadLetters() { return List.copyOf(recentDeadLetters); }

    /**
     * Starts every source connector that has a reader and has not started yet, and from now on starts sources as
     * statements read them: what {@link Config#autoStartSources(boolean) autoStartSources(false)} waits for.
     */
    public synchronized void startSources() {
        checkOpen();
        sourcesReleased = true;
        startIdleSources();
    }

    /** Starts the connector of every source that has a reader and has not started yet (once sources may start). */
    private void startIdleSources() {
        if (!sourcesReleased) return;
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s && s.connectorInstance != null && s.connectorThread == null
                    && hasReaders(s) && !s.runtime.isFinished()) {
                startConnector(s);
            }
        }
    }

    private boolean hasReaders(CatalogEntry.Source s) {
        return s.runtime.node().readers().length > 0 || !dependents(s.name).isEmpty() || subscribedSources.contains(key(s.name));
    }

    private final java.util.Set<String> subscribedSources = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void startConnector(CatalogEntry.Source s) {
        Thread t = new Thread(() -> {
            try {
                s.connectorInstance.run(s.runtime);
                if (s.connectorInstance.isBounded() && !s.runtime.isStopped()) s.runtime.finish();
                else s.runtime.flush();
            } catch (Throwable ex) {
                s.connectorError = ex;
                System.err.println("laminar: source " + s.name + " failed: " + ex.getMessage());
                s.runtime.flush();
            }
        }, "laminar-source-" + s.name);
        t.setDaemon(true);
        s.connectorThread = t;
        t.start();
    }

    // ------------------------------------------------------------------ streams

    private StreamPlanner.InputInfo inputInfo() {
        return new StreamPlanner.InputInfo() {
            @Override public boolean isUpdating(String name) {
                CatalogEntry e = catalog.get(key(name));
                return e instanceof CatalogEntry.Stream s && s.node.updating;
            }

            @Override public boolean isSource(String name) {
                return catalog.get(key(name)) instanceof CatalogEntry.Source;
            }

            @Override public int rowtime(String name) {
                CatalogEntry e = catalog.get(key(name));
                return e == null ? -1 : e.schema().rowtimeIndex();
            }

            @Override public io.laminar.plan.LookupTable lookupTable(String name) {
                CatalogEntry e = catalog.get(key(name));
                io.laminar.lookup.KeyedRows data = e instanceof CatalogEntry.Table t ? t.data
                        : e instanceof CatalogEntry.LookupTable l ? l.table : null;
                if (data == null) return null;
                return new io.laminar.plan.LookupTable() {
                    @Override public Schema schema() { return data.schema(); }
                    @Override public int[] keyColumns() { return data.keyColumns().clone(); }
                    @Override public io.laminar.plan.PhysicalStage join(Schema stream, int[] streamKeys, int[] project,
                            boolean keepUnmatched, Schema output, String description) {
                        return new LookupJoinStage(data, stream, streamKeys, project, keepUnmatched, output, description);
                    }
                };
            }

            @Override public int[] upsertKey(String name) {
                return catalog.get(key(name)) instanceof CatalogEntry.Source src && src.upsertKey != null
                        ? src.upsertKey.clone() : null;
            }

            @Override public boolean allowsUnboundedState() {
                return "allow".equalsIgnoreCase(settings.getOrDefault("state.unbounded", "refuse"));
            }
        };
    }

    private StreamPlanner.Emission emission(SqlEmit emit, SqlNode lateness, SqlIdentifier lateDataTo) {
        EmitMode mode = null;
        long every = 0;
        if (emit != null) {
            mode = switch (emit.mode) {
                case ON_WINDOW_CLOSE -> EmitMode.ON_WINDOW_CLOSE;
                case FINAL -> EmitMode.FINAL;
                case CHANGES -> EmitMode.CHANGES;
                case EVERY -> EmitMode.EVERY;
            };
            if (mode == EmitMode.EVERY) {
                every = intervalMillis(emit.every, "EMIT EVERY");
                if (every <= 0) throw new SqlException(ErrorCode.VALIDATION, "EMIT EVERY needs a positive interval");
            }
        }
        long late = lateness == null ? 0 : intervalMillis(lateness, "ALLOW LATENESS");
        return new StreamPlanner.Emission(mode, every, late, lateDataTo == null ? null : last(lateDataTo));
    }

    private static long intervalMillis(SqlNode node, String clause) {
        if (node instanceof SqlLiteral lit) {
            Long v = lit.getValueAs(Long.class);
            if (v != null) return v;
        }
        throw new SqlException(ErrorCode.VALIDATION, clause + " needs an INTERVAL literal such as INTERVAL '5' SECOND, got " + node);
    }

    private QueryPlan planQuery(SqlNode query, StreamPlanner.Emission emission, String name) {
        RelNode rel = frontEnd.toRel(query);
        return StreamPlanner.plan(rel, emission, inputInfo(), name);
    }

    private QueryResult createStream(SqlCreateStream s, String text) {
        String name = last(s.name);
        CatalogEntry.Kind kind = s.materialized ? CatalogEntry.Kind.MATERIALIZED_VIEW : CatalogEntry.Kind.STREAM;
        if (!claimName(name, kind, s.getReplace(), s.ifNotExists)) {
            return QueryResult.ddl(kind.sql.toLowerCase(Locale.ROOT) + " " + name + " already exists (IF NOT EXISTS)");
        }
        QueryPlan plan = planQuery(s.query, emission(s.emit, s.allowLateness, s.lateDataTo), name);
        deployStream(name, kind, text, plan);
        return QueryResult.ddl("created " + kind.sql.toLowerCase(Locale.ROOT) + " " + name);
    }

    private CatalogEntry.Stream deployStream(String name, CatalogEntry.Kind kind, String text, QueryPlan query) {
        PhysicalPlan plan = query.last();
        Node lateNode = null;
        if (plan.lateDataTo() != null) lateNode = lateStream(plan.lateDataTo(), lookup(plan.input()));
        List<Pipeline> pipelines = new ArrayList<>();
        java.util.Set<String> internal = new java.util.HashSet<>();
        java.util.LinkedHashSet<String> inputs = new java.util.LinkedHashSet<>();
        for (QueryPlan.Fragment f : query.fragments()) {
            for (io.laminar.plan.PhysicalInput in : f.plan().inputs()) {
                if (!internal.contains(key(in.node()))) inputs.add(lookup(in.node()).name);
            }
            boolean last = f.plan() == plan;
            pipelines.add(dataflow.deploy(f.name(), f.plan(), last ? lateNode : null, stateBackend()));
            internal.add(key(f.name()));
        }
        for (String table : query.tables()) inputs.add(lookup(table).name); // DROP TABLE must see the lookup join
        Node node = dataflow.node(name);
        MaterializedView view = null;
        if (kind == CatalogEntry.Kind.MATERIALIZED_VIEW) {
            view = new MaterializedView(node.schema, durable == null ? null : (rows, epoch) ->
                    durable.coordinator.onViewSnapshot(name, epoch, rows));
            dataflow.addConsumer(node, view);
        }
        CatalogEntry.Stream entry = new CatalogEntry.Stream(name, kind, text, plan, pipelines, node, List.copyOf(inputs), view);
        catalog.put(key(name), entry);
        MaterializedView v = view;
        frontEnd.register(name, new CatalogTable(name, kind.sql, node.schema, v == null ? null : v::snapshot));
        for (String in : inputs) if (catalog.get(key(in)) instanceof CatalogEntry.Source src) updateAcceptedLateness(src);
        return entry;
    }

    /** The LATE DATA TO target: an append-only stream with the source's columns, created on first use. */
    private Node lateStream(String name, CatalogEntry input) {
        if (!(input instanceof CatalogEntry.Source src)) {
            throw new SqlException(ErrorCode.VALIDATION, "LATE DATA TO needs a query over a source");
        }
        CatalogEntry existing = catalog.get(key(name));
        if (existing != null) {
            if (existing instanceof CatalogEntry.Stream st && st.plan == null && st.node.schema.equals(src.schema)) return st.node;
            throw new SqlException(ErrorCode.OBJECT_EXISTS, "LATE DATA TO " + name + ": " + existing.kind.sql + " " + name
                    + " already exists and is not a late-data stream of " + src.name + "'s columns; pick another name");
        }
        Node node = dataflow.lateNode(name, src.schema, src.runtime.node().producers());
        catalog.put(key(name), new CatalogEntry.Stream(name, CatalogEntry.Kind.STREAM,
                "-- late rows of queries over " + src.name, null, List.of(), node, List.of(src.name), null));
        frontEnd.register(name, new CatalogTable(name, "STREAM", node.schema, null));
        return node;
    }

    private void updateAcceptedLateness(CatalogEntry.Source src) {
        long accepted = 0;
        for (Pipeline p : src.runtime.node().readers()) {
            if (p.plan().lateDataTo() != null) accepted = Long.MAX_VALUE;
            else accepted = Math.max(accepted, p.plan().lateness());
        }
        src.runtime.setAcceptedLateness(accepted);
    }

    // ------------------------------------------------------------------ sinks and tables

    private QueryResult createSink(SqlCreateSink s, String text) {
        String name = last(s.name);
        if (!claimName(name, CatalogEntry.Kind.SINK, s.getReplace(), s.ifNotExists)) {
            return QueryResult.ddl("sink " + name + " already exists (IF NOT EXISTS)");
        }
        String from;
        if (s.from != null) {
            from = lookup(last(s.from)).name;
        } else {
            from = name + "$query";
            deployStream(from, CatalogEntry.Kind.STREAM, text, planQuery(s.fromQuery, StreamPlanner.Emission.DEFAULT, from));
        }
        CatalogEntry input = lookup(from);
        if (input instanceof CatalogEntry.Sink || input instanceof CatalogEntry.Table) {
            throw new SqlException(ErrorCode.VALIDATION, "a sink reads a source, stream or view; " + from + " is a " + input.kind.sql);
        }
        if (s.connector == null) {
            throw new SqlException(ErrorCode.VALIDATION, "SINK " + name + " needs a connector: INTO FILES (path = '...')");
        }
        String connector = s.connector.toUpperCase(Locale.ROOT);
        Map<String, String> opts = new LinkedHashMap<>(s.options);
        if (s.format != null) opts.put("format", s.format.toLowerCase(Locale.ROOT));
        ConnectorFactory factory = Connectors.get(connector);
        Options options = new Options("SINK " + name, opts);
        options.checkKnown(connector, factory.optionKeys());
        Schema schema = input.schema();
        boolean updating = node(input).updating;
        factory.validateSink(name, schema, options);
        SinkConnector sink = durable != null ? factory.createTransactionalSink(name, schema, updating, options, workDir())
                : factory.createSink(name, schema, updating, options, workDir());
        if (sink.isTransactional() && !replaying) {
            try {
                sink.recover(0, null); // a new sink starts empty; on open, recovery decides instead
            } catch (Exception e) {
                throw new LaminarException(ErrorCode.CONNECTOR, "sink " + name + " cannot start: " + e.getMessage(), Map.of("sink", name), e);
            }
        }
        Delivery.Consumer consumer = new Delivery.Consumer() {
            @Override public void onBarrier(long epoch) {
                if (!sink.isTransactional()) return;
                try {
                    durable.coordinator.onSinkPreCommitted(name, epoch, sink.preCommit(epoch));
                } catch (Exception e) {
                    durable.coordinator.onFailure("sink " + name, epoch, e);
                }
            }

            @Override public boolean releasesBatches() { return true; } // SinkConnector.write: "only valid during the call"

            // transactional sinks stay on the delivery thread, where barriers of every core are aligned
            @Override public boolean onProducingCore() { return sink.writesOnProducingCore() && !sink.isTransactional(); }

            @Override public boolean keepsCoresAwake() { return false; }

            @Override public boolean concurrentCalls() { return sink.writesConcurrently(); }

            @Override public void onBatch(Batch batch) {
                try {
                    sink.write(batch);
                } catch (Exception e) {
                    throw new LaminarException(ErrorCode.CONNECTOR, "sink " + name + " failed to write: " + e.getMessage(), Map.of("sink", name), e);
                }
            }

            @Override public void onWatermark(long watermark) {
                try {
                    sink.onWatermark(watermark);
                } catch (Exception e) {
                    throw new LaminarException(ErrorCode.CONNECTOR, "sink " + name + ": " + e.getMessage(), Map.of("sink", name), e);
                }
            }

            @Override public void onClose() {
                try {
                    sink.flush();
                    sink.close();
                } catch (Exception e) {
                    System.err.println("laminar: closing sink " + name + ": " + e.getMessage());
                }
            }
        };
        dataflow.addConsumer(node(input), consumer);
        catalog.put(key(name), new CatalogEntry.Sink(name, text, from, connector, sink, consumer, schema));
        return QueryResult.ddl("created sink " + name);
    }

    private Node node(CatalogEntry e) {
        if (e instanceof CatalogEntry.Source s) return s.runtime.node();
        if (e instanceof CatalogEntry.Stream s) return s.node;
        throw new SqlException(ErrorCode.VALIDATION, e.name + " is a " + e.kind.sql + ", not a source or stream");
    }

    /** The columns of a PRIMARY KEY clause of {@code object}, each checked to exist. */
    private static int[] keyColumns(String object, Schema schema, List<String> primaryKey) {
        int[] keys = new int[primaryKey.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = schema.indexOf(primaryKey.get(i));
            if (keys[i] < 0) {
                throw new SqlException(ErrorCode.VALIDATION, "PRIMARY KEY (" + primaryKey.get(i) + "): " + object
                        + " has no such column; its columns are " + schema.names());
            }
            if (keys[i] == schema.rowtimeIndex()) {
                throw new SqlException(ErrorCode.VALIDATION, "PRIMARY KEY (" + primaryKey.get(i) + "): " + object
                        + " uses its event-time column as a key; a key names the entity whose rows replace each other, "
                        + "the event time says when");
            }
        }
        return keys;
    }

    /** {@code CREATE LOOKUP TABLE}: connects (so a wrong URL, table or column fails here) and loads its cache. */
    private QueryResult createLookupTable(SqlCreateTable t, String name, String text) {
        for (SqlColumn c : t.columns) {
            if (c.isComputed()) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "LOOKUP TABLE " + name + ": computed column "
                        + c.name + " — computed columns (pt AS PROCTIME()) belong to sources");
            }
        }
        Schema schema = schemaOf(name, t.columns);
        if (t.primaryKey.isEmpty()) {
            throw new SqlException(ErrorCode.VALIDATION, "LOOKUP TABLE " + name + " needs a PRIMARY KEY: rows are "
                    + "fetched by it (add PRIMARY KEY (column) to the column list)");
        }
        int[] keys = keyColumns("LOOKUP TABLE " + name, schema, t.primaryKey);
        if (t.connector == null) {
            throw new SqlException(ErrorCode.VALIDATION, "LOOKUP TABLE " + name + " needs a connector: WITH ('connector' = "
                    + "'postgres', 'url' = 'jdbc:postgresql://host:port/db', 'table' = '...')");
        }
        String connector = t.connector.toUpperCase(Locale.ROOT);
        Map<String, String> opts = new LinkedHashMap<>(t.options);
        java.util.Set<String> known = new java.util.HashSet<>(io.laminar.lookup.ExternalLookupTable.CACHE_OPTIONS);
        ConnectorFactory files = null;
        if (connector.equals("POSTGRES")) {
            known.addAll(io.laminar.lookup.PostgresLookupSource.OPTIONS);
        } else if (connector.equals("FILES")) { // a bounded side input: no point lookups, so every row is cached
            String cache = opts.putIfAbsent("cache", "full");
            if (cache != null && !cache.equalsIgnoreCase("full")) {
                throw new SqlException(ErrorCode.VALIDATION, "LOOKUP TABLE " + name + ": files cannot be searched by "
                        + "key, so 'cache' must be 'full' (the default for files), not '" + cache + "'");
            }
            files = Connectors.get(connector);
            known.addAll(files.optionKeys());
        } else {
            throw io.laminar.lookup.ExternalLookupTable.unknownConnector(name, t.connector);
        }
        Options options = new Options("LOOKUP TABLE " + name, opts);
        options.checkKnown(connector, known);
        io.laminar.lookup.LookupSource source = files != null
                ? new io.laminar.lookup.FilesLookupSource(name, schema, options, files)
                : new io.laminar.lookup.PostgresLookupSource(name, schema, keys, options,
                        !replaying); // reopening must not depend on the database being reachable
        io.laminar.lookup.ExternalLookupTable table = new io.laminar.lookup.ExternalLookupTable(name, schema, keys, source,
                options, !replaying);
        catalog.put(key(name), new CatalogEntry.LookupTable(name, text, table));
        frontEnd.register(name, new CatalogTable(name, "LOOKUP TABLE", schema, table::snapshot));
        return QueryResult.ddl("created lookup table " + name + " (" + table.mode().name().toLowerCase(Locale.ROOT)
                + " cache)");
    }

    private QueryResult createTable(SqlCreateTable t, String text) {
        String name = last(t.name);
        if (t.connector != null && !t.lookup) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "TABLE " + name + ": a table filled by a connector is "
                    + "not supported; declare CREATE LOOKUP TABLE to read rows from an external system by key, or fill "
                    + "a plain CREATE TABLE with INSERT");
        }
        if (!claimName(name, CatalogEntry.Kind.TABLE, t.getReplace(), t.ifNotExists)) {
            return QueryResult.ddl("table " + name + " already exists (IF NOT EXISTS)");
        }
        if (t.lookup) return createLookupTable(t, name, text);
        for (SqlColumn c : t.columns) {
            if (c.isComputed()) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "TABLE " + name + ": computed column " + c.name
                        + " — a table stores every column; computed columns (pt AS PROCTIME()) belong to sources");
            }
        }
        Schema schema = schemaOf(name, t.columns);
        int[] keys = keyColumns("TABLE " + name, schema, t.primaryKey);
        ReferenceTable data = referenceTable(name, schema, keys, t.options);
        catalog.put(key(name), new CatalogEntry.Table(name, text, data));
        frontEnd.register(name, new CatalogTable(name, "TABLE", schema, data::snapshot));
        return QueryResult.ddl("created table " + name);
    }

    /**
     * The storage of a reference table: the heap (default); {@code storage = 'persistent'} keeps every row in RocksDB
     * under the database directory; {@code heap.rows = N} bounds the rows kept on the heap (the rest spill to
     * RocksDB — in the directory, or a temporary one deleted with the table).
     */
    private ReferenceTable referenceTable(String name, Schema schema, int[] keys, Map<String, String> options) {
        Options opts = new Options("TABLE " + name, options);
        opts.checkKnown("TABLE", java.util.Set.of("storage", "heap.rows"));
        String storage = opts.get("storage", "memory").toLowerCase(Locale.ROOT);
        if (!storage.equals("memory") && !storage.equals("persistent")) {
            throw new SqlException(ErrorCode.BAD_OPTION, "TABLE " + name + ": storage = '" + storage
                    + "' is not known; use 'memory' (the default) or 'persistent'");
        }
        boolean persistent = storage.equals("persistent");
        if (!persistent && !opts.has("heap.rows")) return new ReferenceTable(schema, keys);
        long heapRows = opts.getLong("heap.rows", 10_000);
        if (heapRows < 0 || heapRows > Integer.MAX_VALUE) {
            throw opts.bad("heap.rows", String.valueOf(heapRows), "must be a number of rows from 0 to " + Integer.MAX_VALUE);
        }
        if (persistent && config.directory() == null) {
            throw new SqlException(ErrorCode.VALIDATION, "TABLE " + name + ": storage = 'persistent' needs a database "
                    + "directory (Config.directory, (l/open {:dir ...}) or --dir)");
        }
        if (persistent && keys.length == 0) {
            throw new SqlException(ErrorCode.VALIDATION, "TABLE " + name + ": a persistent table needs a PRIMARY KEY, "
                    + "so that rows written again after a restart replace themselves instead of repeating");
        }
        Path dir;
        if (config.directory() != null) {
            dir = config.directory().resolve("tables").resolve(name.toLowerCase(Locale.ROOT));
        } else {
            try {
                dir = Files.createTempDirectory("laminar-table-" + name.toLowerCase(Locale.ROOT) + "-");
            } catch (java.io.IOException e) {
                throw new LaminarException(ErrorCode.STATE_IO, "TABLE " + name + ": cannot create a spill directory: "
                        + e.getMessage(), Map.of("object", name), e);
            }
        }
        return new ReferenceTable(schema, keys, dir, (int) heapRows, !persistent);
    }

    // ------------------------------------------------------------------ INSERT

    private QueryResult insert(SqlInsert insert) {
        String target = last((SqlIdentifier) insert.getTargetTable());
        CatalogEntry e = lookup(target);
        Schema schema = e.schema();
        int[] columns;
        SqlNodeList targetColumns = insert.getTargetColumnList();
        if (targetColumns == null || targetColumns.isEmpty()) {
            columns = new int[schema.size()];
            for (int i = 0; i < columns.length; i++) columns[i] = i;
        } else {
            columns = new int[targetColumns.size()];
            for (int i = 0; i < columns.length; i++) {
                String col = last((SqlIdentifier) targetColumns.get(i));
                columns[i] = schema.indexOf(col);
                if (columns[i] < 0) {
                    throw new SqlException(ErrorCode.UNKNOWN_COLUMN, e.kind.sql + " " + e.name + " has no column " + col
                            + "; its columns are " + schema.names());
                }
            }
        }
        QueryResult values = query(insert.getSource());
        List<Object[]> rows = values.rows();
        for (Object[] r : rows) {
            if (r.length != columns.length) {
                throw new SqlException(ErrorCode.BAD_ROW, "INSERT INTO " + e.name + " gives " + r.length
                        + " values per row for " + columns.length + " columns");
            }
        }
        if (e instanceof CatalogEntry.Source s) {
            if (!s.isMemory()) {
                throw new SqlException(ErrorCode.VALIDATION, "INSERT INTO " + s.name + ": rows can be inserted only into "
                        + "a MEMORY source; this one reads from " + s.connector);
            }
            writeRows(s, columns, rows, replaying, durable == null ? null : durable.sourceLogs.get(key(s.name)), insertStatementId);
        } else if (e instanceof CatalogEntry.Table t) {
            Batch b = new Batch(schema, rows.size());
            for (Object[] r : rows) {
                int row = b.addRow(io.laminar.data.RowKind.INSERT);
                for (int c = 0; c < schema.size(); c++) b.setNull(c, row);
                for (int i = 0; i < columns.length; i++) {
                    try {
                        b.setValue(columns[i], row, r[i]);
                    } catch (IllegalArgumentException ex) {
                        throw new SqlException(ErrorCode.WRONG_TYPE, "column " + schema.field(columns[i]).name() + " of table "
                                + t.name + ": " + ex.getMessage());
                    }
                }
                for (int k : t.data.keyColumns()) {
                    if (b.nulls[k][row]) throw new SqlException(ErrorCode.MISSING_COLUMN, "primary key column "
                            + schema.field(k).name() + " of table " + t.name + " cannot be NULL");
                }
                t.data.upsert(InternalRows.fromBatch(b, row));
            }
        } else if (e instanceof CatalogEntry.LookupTable) {
            throw new SqlException(ErrorCode.VALIDATION, "INSERT INTO " + e.name + ": a lookup table reads its rows from "
                    + "its external system; write them there");
        } else {
            throw new SqlException(ErrorCode.VALIDATION, "INSERT INTO " + e.name + ": only sources and tables take rows; "
                    + e.name + " is a " + e.kind.sql);
        }
        return QueryResult.affected(rows.size(), "inserted " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " into " + e.name);
    }

    /**
     * Appends an INSERT's rows to a MEMORY source. Every row is checked before any is written, so a statement
     * that fails leaves nothing behind (its rows would otherwise be live now but not after a recovery). With a
     * write-ahead log the rows carry {@code statementId}, so they count only once the statement is logged.
     */
    private static void writeRows(CatalogEntry.Source s, int[] columns, List<Object[]> rows, boolean replaying,
                                  io.laminar.wal.SourceLogWriter log, long statementId) {
        if (replaying) return; // the write-ahead log holds these rows; WAL replay brings them back
        Batch check = new Batch(s.schema, 1);
        for (Object[] r : rows) {
            check.clear();
            fillRow(s, columns, r, check, check.addRow(io.laminar.data.RowKind.INSERT));
        }
        SourceRuntime rt = s.runtime;
        long logged = 0;
        synchronized (rt) {
            if (log != null) log.tagStatement(statementId);
            try {
                for (Object[] r : rows) {
                    int row = rt.beginRow();
                    try {
                        fillRow(s, columns, r, rt.batch(), row);
                    } catch (RuntimeException ex) {
                        rt.abandonRow();
                        throw ex;
                    }
                    logged = rt.writerRowAdded();
                }
            } finally {
                if (log != null) log.tagStatement(0);
            }
            rt.flush();
        }
        rt.awaitDurable(logged); // acknowledged (the statement returns) only once the fsync policy is met
    }

    /** Puts one INSERT row into row {@code row} of {@code b}: values converted to the columns' types, NOT NULL checked. */
    private static void fillRow(CatalogEntry.Source s, int[] columns, Object[] r, Batch b, int row) {
        Schema schema = s.schema;
        for (int c = 0; c < schema.size(); c++) b.setNull(c, row);
        for (int i = 0; i < columns.length; i++) {
            try {
                b.setValue(columns[i], row, r[i]);
            } catch (IllegalArgumentException ex) {
                throw new SqlException(ErrorCode.WRONG_TYPE, "column " + schema.field(columns[i]).name()
                        + " of source " + s.name + ": " + ex.getMessage());
            }
        }
        for (int c = 0; c < schema.size(); c++) {
            if (b.nulls[c][row] && !schema.field(c).nullable()) {
                throw new SqlException(ErrorCode.MISSING_COLUMN, "column " + schema.field(c).name()
                        + " of source " + s.name + " is NOT NULL");
            }
        }
    }

    // ------------------------------------------------------------------ ad-hoc queries

    /** Runs a bounded SELECT over materialized views, tables and VALUES (Calcite's interpreter). */
    public synchronized QueryResult query(SqlNode query) {
        checkOpen();
        return AdHocQuery.run(frontEnd, query);
    }

    public QueryResult query(String select) {
        return query(SqlStatements.parseOne(select));
    }

    // ------------------------------------------------------------------ SHOW / DESCRIBE / EXPLAIN / SET

    private QueryResult show(String what) {
        List<Object[]> rows = new ArrayList<>();
        Schema schema;
        switch (what) {
            case "QUERIES" -> {
                schema = Schema.of(new Field("name", ColumnType.VARCHAR), new Field("kind", ColumnType.VARCHAR),
                        new Field("reads", ColumnType.VARCHAR), new Field("emit", ColumnType.VARCHAR),
                        new Field("state_keys", ColumnType.BIGINT), new Field("late_rows_dropped", ColumnType.BIGINT));
                for (CatalogEntry e : catalog.values()) {
                    if (e instanceof CatalogEntry.Stream s && s.pipeline != null) {
                        rows.add(new Object[] {s.name, s.kind.sql, String.join(", ", s.inputs),
                                s.plan.isStateful() ? s.plan.emit().sql() : "append",
                                s.stateSize(), s.lateRowsDropped()});
                    }
                }
            }
            case "CHECKPOINTS" -> {
                requireDirectory("SHOW CHECKPOINTS");
                schema = Schema.of(new Field("id", ColumnType.BIGINT), new Field("created_at", ColumnType.VARCHAR),
                        new Field("status", ColumnType.VARCHAR), new Field("queries", ColumnType.BIGINT),
                        new Field("sinks", ColumnType.BIGINT), new Field("sources", ColumnType.VARCHAR));
                for (long id : durable.store.ids()) {
                    try {
                        io.laminar.checkpoint.Manifest m = durable.store.load(id);
                        rows.add(new Object[] {id, java.time.Instant.ofEpochMilli(m.createdAtMillis).toString(), "valid",
                                (long) m.operators.size(), (long) m.sinks.size(), sourcesSummary(m)});
                    } catch (LaminarException ex) {
                        rows.add(new Object[] {id, null, "unusable: " + ex.getMessage(), null, null, null});
                    }
                }
            }
            default -> {
                CatalogEntry.Kind kind = switch (what) {
                    case "SOURCES" -> CatalogEntry.Kind.SOURCE;
                    case "STREAMS" -> CatalogEntry.Kind.STREAM;
                    case "SINKS" -> CatalogEntry.Kind.SINK;
                    case "TABLES" -> CatalogEntry.Kind.TABLE;
                    default -> CatalogEntry.Kind.MATERIALIZED_VIEW;
                };
                schema = Schema.of(new Field("name", ColumnType.VARCHAR), new Field("detail", ColumnType.VARCHAR));
                for (CatalogEntry e : catalog.values()) {
                    if (e.kind == kind) rows.add(new Object[] {e.name, detail(e)});
                }
            }
        }
        return QueryResult.rows(schema, rows);
    }

    private String detail(CatalogEntry e) {
        if (e instanceof CatalogEntry.Source s) {
            return s.connector + (s.watermarkColumn != null ? ", watermark " + s.watermarkColumn + " - " + s.watermarkDelay + " ms" : "")
                    + ", rows in " + s.runtime.rowsIn() + ", late dropped " + s.runtime.lateRowsDropped()
                    + ", dead letters " + s.runtime.deadLetters();
        }
        if (e instanceof CatalogEntry.Stream s) {
            if (s.plan == null) return "late rows of queries over " + s.input;
            return "reads " + String.join(", ", s.inputs) + ", " + (s.node.updating ? "updating" : "append-only")
                    + (s.view != null ? ", " + s.view.size() + " rows" : "");
        }
        if (e instanceof CatalogEntry.Sink s) return "from " + s.from + " into " + s.connector;
        if (e instanceof CatalogEntry.Table t) return t.data.size() + " rows";
        if (e instanceof CatalogEntry.LookupTable l) return l.table.describe();
        return "";
    }

    private QueryResult describe(String name) {
        CatalogEntry e = lookup(name);
        Schema s = e.schema();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            Field f = s.field(i);
            String extra = "";
            if (e instanceof CatalogEntry.Source src && f.name().equalsIgnoreCase(String.valueOf(src.watermarkColumn))) {
                extra = "event time; WATERMARK " + f.name() + " - INTERVAL '" + src.watermarkDelay + "' MILLISECOND";
            }
            if (e instanceof CatalogEntry.Table t) {
                for (int k : t.data.keyColumns()) if (k == i) extra = "PRIMARY KEY";
            }
            if (e instanceof CatalogEntry.LookupTable l) {
                for (int k : l.table.keyColumns()) if (k == i) extra = "PRIMARY KEY (lookup)";
            }
            if (e instanceof CatalogEntry.Source src && src.upsertKey != null) {
                for (int k : src.upsertKey) if (k == i) extra = "PRIMARY KEY (upsert source)";
            }
            rows.add(new Object[] {f.name(), f.sqlType(), f.nullable(), extra});
        }
        if (e instanceof CatalogEntry.Source src) {
            for (String pt : src.procTimeColumns) {
                rows.add(new Object[] {pt, "TIMESTAMP(3)", false, "PROCTIME(): processing time, computed when read"});
            }
        }
        return QueryResult.rows(Schema.of(new Field("column", ColumnType.VARCHAR), new Field("type", ColumnType.VARCHAR),
                new Field("nullable", ColumnType.BOOLEAN), new Field("note", ColumnType.VARCHAR)), rows);
    }

    private QueryResult explain(SqlLaminarExplain e) {
        SqlNode st = e.statement;
        QueryPlan plan;
        if (st instanceof SqlCreateStream cs) {
            plan = planQuery(cs.query, emission(cs.emit, cs.allowLateness, cs.lateDataTo), last(cs.name));
        } else if (st instanceof SqlCreateSink sink && sink.fromQuery != null) {
            plan = planQuery(sink.fromQuery, StreamPlanner.Emission.DEFAULT, last(sink.name) + "$query");
        } else if (st.getKind().belongsTo(SqlKind.QUERY)) {
            plan = planQuery(st, StreamPlanner.Emission.DEFAULT, "query");
        } else {
            throw new SqlException(ErrorCode.VALIDATION, "EXPLAIN takes a query, CREATE STREAM, CREATE MATERIALIZED VIEW "
                    + "or CREATE SINK ... FROM (query)");
        }
        String text = e.code ? plan.code() : plan.explain();
        return QueryResult.rows(Schema.of(new Field(e.code ? "code" : "plan", ColumnType.VARCHAR)), List.<Object[]>of(new Object[] {text}));
    }

    /** The physical plan of a query or CREATE statement, as text (EXPLAIN). */
    public synchronized String explain(String statement) {
        return (String) execute("EXPLAIN " + statement).get(0).rows().get(0)[0];
    }

    private static final java.util.Set<String> SETTINGS = java.util.Set.of("checkpoint.interval", "state.backend", "state.unbounded");

    private QueryResult set(String k, String v) {
        String norm = k.toLowerCase(Locale.ROOT);
        if (!SETTINGS.contains(norm)) {
            String hint = Options.closest(norm, SETTINGS);
            throw new SqlException(ErrorCode.BAD_OPTION, "unknown setting '" + k + "'" + (hint != null ? "; did you mean '" + hint + "'?" : "; known settings: " + SETTINGS));
        }
        if (norm.equals("checkpoint.interval")) {
            long ms = io.laminar.checkpoint.Durations.parseMillis(v);
            if (durable == null) { // a script written for --dir still runs in memory
                settings.put(norm, v);
                return QueryResult.ddl("set " + norm + " = " + v + " (no effect: this database keeps no checkpoints; "
                        + "give it a directory with Config.directory / --dir)");
            }
            if (!replaying) durable.scheduleCheckpoints(ms, this::periodicCheckpoint); // recover() arms it after
        } else if (norm.equals("state.backend")) {
            String b = v.trim().toLowerCase(Locale.ROOT);
            if (!b.equals("heap") && !b.equals("rocksdb")) {
                throw new SqlException(ErrorCode.BAD_OPTION, "SET 'state.backend' = '" + v + "': use 'heap' or 'rocksdb'");
            }
            v = b;
        } else if (norm.equals("state.unbounded")) {
            String b = v.trim().toLowerCase(Locale.ROOT);
            if (!b.equals("allow") && !b.equals("refuse")) {
                throw new SqlException(ErrorCode.BAD_OPTION, "SET 'state.unbounded' = '" + v + "': use 'allow' (plan joins "
                        + "whose state grows without bound) or 'refuse' (the default)");
            }
            v = b;
        }
        settings.put(norm, v);
        return QueryResult.ddl("set " + norm + " = " + v);
    }

    public Map<String, String> settings() { return Map.copyOf(settings); }

    // ------------------------------------------------------------------ DROP

    private QueryResult drop(SqlDropObject d) {
        String name = last(d.name);
        CatalogEntry e = catalog.get(key(name));
        if (e == null) {
            if (d.ifExists) return QueryResult.ddl("no " + name + " to drop (IF EXISTS)");
            lookup(name);
        }
        CatalogEntry.Kind expected = switch (d.kind) {
            case SOURCE -> CatalogEntry.Kind.SOURCE;
            case STREAM -> CatalogEntry.Kind.STREAM;
            case MATERIALIZED_VIEW -> CatalogEntry.Kind.MATERIALIZED_VIEW;
            case SINK -> CatalogEntry.Kind.SINK;
            case TABLE -> CatalogEntry.Kind.TABLE;
        };
        if (e.kind != expected) {
            throw new SqlException(ErrorCode.VALIDATION, e.name + " is a " + e.kind.sql + ", not a " + expected.sql
                    + "; use DROP " + e.kind.sql + " " + e.name);
        }
        List<CatalogEntry> deps = dependents(e.name);
        if (!deps.isEmpty() && !d.cascade) {
            throw new SqlException(ErrorCode.DEPENDENT_OBJECTS, "cannot drop " + e.name + ": " + describeList(deps)
                    + " read it; drop them first or use DROP " + expected.sql + " " + e.name + " CASCADE");
        }
        List<String> dropped = new ArrayList<>();
        dropCascade(e, dropped);
        return QueryResult.ddl("dropped " + String.join(", ", dropped));
    }

    private void dropCascade(CatalogEntry e, List<String> dropped) {
        for (CatalogEntry dep : dependents(e.name)) {
            if (catalog.containsKey(key(dep.name))) dropCascade(dep, dropped);
        }
        dropEntry(e);
        dropped.add(e.kind.sql.toLowerCase(Locale.ROOT) + " " + e.name);
    }

    private List<CatalogEntry> dependents(String name) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : catalog.values()) {
            for (String in : e.inputs()) if (in.equalsIgnoreCase(name) && e != catalog.get(key(name))) out.add(e);
        }
        return out;
    }

    private static String describeList(List<CatalogEntry> entries) {
        return String.join(", ", entries.stream().map(x -> x.kind.sql.toLowerCase(Locale.ROOT) + " " + x.name).toList());
    }

    private void dropEntry(CatalogEntry e) {
        catalog.remove(key(e.name));
        frontEnd.unregister(e.name);
        if (e instanceof CatalogEntry.Source s) {
            s.runtime.stop();
            if (s.connectorThread != null) s.connectorThread.interrupt();
            dataflow.drop(s.name, null);
        } else if (e instanceof CatalogEntry.Stream s) {
            if (s.pipelines.isEmpty()) dataflow.drop(s.name, null); // a LATE DATA TO target
            for (int i = s.pipelines.size() - 1; i >= 0; i--) dataflow.drop(s.pipelines.get(i).name(), s.pipelines.get(i));
            for (String input : s.inputs) {
                if (catalog.get(key(input)) instanceof CatalogEntry.Source src) updateAcceptedLateness(src);
            }
        } else if (e instanceof CatalogEntry.Table t) {
            t.data.close();
            t.data.deleteStorage();
        } else if (e instanceof CatalogEntry.LookupTable l) {
            l.table.close();
        } else if (e instanceof CatalogEntry.Sink s) {
            CatalogEntry in = catalog.get(key(s.from));
            if (in != null) dataflow.removeConsumerAndWait(node(in), s.consumer); // an on-core sink: no write in flight
            s.consumer.onClose();
            if (s.from.endsWith("$query") && in != null) dropEntry(in);
        }
    }

    // ------------------------------------------------------------------ writers, subscriptions

    /** The runtime of a MEMORY source, for writers. */
    public synchronized SourceRuntime sourceForWriting(String name) {
        checkOpen();
        CatalogEntry e = lookup(name);
        if (!(e instanceof CatalogEntry.Source s)) {
            throw new SqlException(ErrorCode.VALIDATION, name + " is a " + e.kind.sql + "; writers push rows into sources");
        }
        if (!s.isMemory()) {
            throw new SqlException(ErrorCode.VALIDATION, "source " + s.name + " reads from " + s.connector
                    + "; only MEMORY sources (no FROM clause) take rows from writers");
        }
        return s.runtime;
    }

    /** Adds a consumer of a source's or stream's output. */
    public synchronized Node subscribe(String name, Delivery.Consumer consumer) {
        checkOpen();
        CatalogEntry e = lookup(name);
        Node n = node(e);
        dataflow.addConsumer(n, consumer);
        if (e instanceof CatalogEntry.Source s) {
            subscribedSources.add(key(s.name));
            startIdleSources();
        }
        return n;
    }

    public synchronized void unsubscribe(String name, Delivery.Consumer consumer) {
        CatalogEntry e = catalog.get(key(name));
        if (e != null) dataflow.removeConsumer(node(e), consumer);
    }

    /** Names and kinds of every object, in creation order. */
    public synchronized Map<String, String> objects() {
        Map<String, String> m = new LinkedHashMap<>();
        for (CatalogEntry e : catalog.values()) m.put(e.name, e.kind.sql);
        return m;
    }

    /** Counters per object, for metrics and the shell. */
    public synchronized Map<String, Map<String, Object>> metrics() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (CatalogEntry e : catalog.values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", e.kind.sql);
            if (e instanceof CatalogEntry.Source s) {
                x.put("rows_in", s.runtime.rowsIn());
                x.put("late_rows_dropped", s.runtime.lateRowsDropped());
                x.put("dead_letters", s.runtime.deadLetters());
                x.put("watermark", s.runtime.watermark());
            } else if (e instanceof CatalogEntry.Stream s && s.pipeline != null) {
                x.put("state_keys", s.stateSize());
                x.put("late_rows_dropped", s.lateRowsDropped());
                x.put("late_rows_routed", s.pipeline.lateRowsRouted());
            }
            m.put(e.name, x);
        }
        return m;
    }

    public synchronized PhysicalPlan planOf(String stream) {
        CatalogEntry e = lookup(stream);
        if (e instanceof CatalogEntry.Stream s && s.plan != null) return s.plan;
        throw new SqlException(ErrorCode.VALIDATION, stream + " is not a stream defined by a query");
    }

    public synchronized Pipeline pipelineOf(String stream) {
        CatalogEntry e = lookup(stream);
        if (e instanceof CatalogEntry.Stream s && s.pipeline != null) return s.pipeline;
        throw new SqlException(ErrorCode.VALIDATION, stream + " is not a stream defined by a query");
    }

    /** Waits until everything written so far has been processed and delivered. */
    public void awaitIdle() {
        dataflow.awaitIdle(config.statementTimeoutMillis());
    }

    /**
     * Waits until every connector source that was started has reached the end of its input (bounded sources) and the
     * dataflow is idle. Throws if a source failed. Returns false if some started source is unbounded.
     */
    public boolean awaitBoundedSources(long timeoutMillis) throws InterruptedException {
        if (!sourcesReleased) {
            throw new LaminarException(ErrorCode.VALIDATION, "no source has started: this database was opened with "
                    + "Config.autoStartSources(false); call startSources() before waiting for the sources to finish");
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<CatalogEntry.Source> sources = new ArrayList<>();
        synchronized (this) {
            for (CatalogEntry e : catalog.values()) {
                if (e instanceof CatalogEntry.Source s && s.connectorThread != null) sources.add(s);
            }
        }
        for (CatalogEntry.Source s : sources) {
            if (!s.connectorInstance.isBounded()) return false;
            s.connectorThread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (s.connectorThread.isAlive()) {
                throw new LaminarException(ErrorCode.TIMEOUT, "source " + s.name + " did not finish within " + timeoutMillis + " ms");
            }
            if (s.connectorError != null) {
                throw new LaminarException(ErrorCode.CONNECTOR, "source " + s.name + " failed: " + s.connectorError.getMessage(),
                        Map.of("source", s.name), s.connectorError);
            }
        }
        dataflow.awaitIdle(Math.max(1, deadline - System.currentTimeMillis()));
        return true;
    }

    private void checkOpen() {
        if (closed) throw new LaminarException(ErrorCode.CLOSED, "this Laminar database is closed");
    }

    public boolean isClosed() { return closed; }

    @Override public synchronized void close() {
        if (closed) return;
        if (durable != null && dataflow.failure() == null) {
            try {
                checkpoint(); // a clean close commits every sink's output; the next open resumes from here
            } catch (RuntimeException e) {
                System.err.println("laminar: final checkpoint failed (the previous one stays valid): " + e.getMessage());
            }
        }
        closed = true;
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s) {
                s.runtime.stop();
                if (s.connectorThread != null) s.connectorThread.interrupt();
            }
        }
        try {
            dataflow.awaitIdle(2_000);
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        dataflow.close(); // flushes and closes sinks through their consumers
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Table t) t.data.close();
            if (e instanceof CatalogEntry.LookupTable l) l.table.close();
        }
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s && s.connectorInstance != null) {
                try {
                    s.connectorInstance.close();
                } catch (Exception ignored) {
                    // best effort on shutdown
                }
            }
        }
        if (durable != null) durable.close();
        if (rocks != null) rocks.close();
    }
    // ------------------------------------------------------------------ durability: catalog log, checkpoints, recovery

    /** What opening the directory found wrong (torn WAL tails cut, unusable checkpoints skipped); empty when clean. */
    public List<String> recoveryReport() {
        return durable == null ? List.of() : durable.report();
    }

    private void requireDirectory(String what) {
        if (durable == null) {
            throw new LaminarException(ErrorCode.NO_DIRECTORY, what + " needs a database with a directory: open it with "
                    + "Config.directory(...) (Clojure {:dir ...}, command line --dir DIR); this one keeps state in memory only");
        }
    }

    /** The state backend for a query created now: SET 'state.backend', else the database's. */
    private io.laminar.state.StateBackend stateBackend() {
        String b = settings.getOrDefault("state.backend", config.stateBackend());
        if (!b.equals("rocksdb")) return io.laminar.state.StateBackend.HEAP;
        if (rocks == null) {
            rocks = new io.laminar.state.RocksStateBackend(durable == null ? null : durable.dir.resolve("state").resolve("rocksdb"),
                    config.stateCacheEntries(), durable == null ? null : durable.snapshotFiles);
        }
        return rocks;
    }

    /** Which statements the catalog log keeps: 0 none, else the log kind. */
    private byte logKind(SqlNode node) {
        if (node instanceof SqlCreateSource || node instanceof SqlCreateStream || node instanceof SqlCreateSink
                || node instanceof SqlCreateTable || node instanceof SqlDropObject || node instanceof SqlSetProperty) {
            return io.laminar.checkpoint.CatalogLog.REPLAY;
        }
        if (node instanceof SqlInsert i) {
            CatalogEntry e = catalog.get(key(last((SqlIdentifier) i.getTargetTable())));
            return e instanceof CatalogEntry.Source ? io.laminar.checkpoint.CatalogLog.MATCH_ONLY : io.laminar.checkpoint.CatalogLog.REPLAY;
        }
        return 0;
    }

    private static String createdName(SqlNode node) {
        if (node instanceof SqlCreateSource c) return last(c.name);
        if (node instanceof SqlCreateStream c) return last(c.name);
        if (node instanceof SqlCreateSink c) return last(c.name);
        if (node instanceof SqlCreateTable c) return last(c.name);
        return null;
    }

    private static String normalize(String statement) {
        return statement.replaceAll("\\s+", " ").trim();
    }

    /**
     * Runs a statement, logging it in the catalog log (databases with a directory). After a reopen, statements equal
     * to the next logged one are recognised as already applied and skipped — so {@code run --dir} can re-run its
     * whole script after a crash; the first statement that differs ends the matching.
     */
    private QueryResult executeLogged(SqlNode node, String text) {
        byte kind = durable == null || replaying ? 0 : logKind(node);
        if (kind != 0 && matchIndex >= 0) {
            if (matchIndex < recoveredStatements.size()
                    && normalize(recoveredStatements.get(matchIndex).text()).equals(normalize(text))) {
                matchIndex++;
                return QueryResult.ddl("already applied (recovered from " + config.directory() + "): " + abbreviate(text));
            }
            matchIndex = -1;
        }
        String created = createdName(node);
        if (created != null && recoveredObjects.contains(key(created)) && catalog.get(key(created)) != null
                && normalize(catalog.get(key(created)).sql).equals(normalize(text))) {
            return QueryResult.ddl("already exists, recovered from " + config.directory() + ": " + abbreviate(text));
        }
        boolean insertIntoSource = kind == io.laminar.checkpoint.CatalogLog.MATCH_ONLY;
        long statementId = insertIntoSource ? io.laminar.checkpoint.CatalogLog.newStatementId() : 0;
        QueryResult r;
        statementOrdinal = kind != 0 ? durable.catalog.size() : -1;
        insertStatementId = statementId;
        try {
            r = execute(node, text);
        } finally {
            statementOrdinal = -1;
            insertStatementId = 0;
        }
        if (insertIntoSource) {
            Durability.crashPoint("insert-before-catalog"); // rows in the WAL, statement not yet logged
            durable.catalog.append(io.laminar.checkpoint.CatalogLog.MATCH_ONLY_WITH_ID, statementId, text);
        } else if (kind != 0) {
            durable.catalog.append(kind, text);
        }
        return r;
    }

    /** Opening a directory: recreate the catalog, load the newest usable checkpoint, replay the WAL, start sources. */
    private void recover() {
        replaying = true;
        try {
            List<io.laminar.checkpoint.CatalogLog.Entry> logged = durable.catalog.entries();
            for (int i = 0; i < logged.size(); i++) {
                io.laminar.checkpoint.CatalogLog.Entry e = logged.get(i);
                if (!e.replays()) continue;
                for (SqlStatements.Statement st : SqlStatements.parse(e.text())) {
                    try {
                        statementOrdinal = i; // a source's incarnation: the index of its CREATE in the log
                        execute(st.node(), st.text());
                    } catch (LaminarException ex) {
                        throw new LaminarException(ErrorCode.CATALOG_MISMATCH, "cannot recreate the objects saved in "
                                + config.directory() + ": statement " + abbreviate(st.text()) + " failed: " + ex.getMessage(),
                                Map.of("directory", String.valueOf(config.directory())), ex);
                    }
                }
            }
            statementOrdinal = -1;
            recoveredObjects.addAll(catalog.keySet());
            applyCheckpoint(restorer().newestUsable(durable::note));
        } finally {
            replaying = false;
        }
        recoveredStatements = durable.catalog.entries();
        matchIndex = 0;
        long interval = config.checkpointIntervalMillis();
        if (settings.containsKey("checkpoint.interval")) interval = io.laminar.checkpoint.Durations.parseMillis(settings.get("checkpoint.interval"));
        durable.scheduleCheckpoints(interval, this::periodicCheckpoint);
        startIdleSources();
    }

    /**
     * Every deployed stateful pipeline (a query cut into fragments has several, each checkpointed under its own
     * name) with its plan's fingerprint: what a checkpoint must hold state for.
     */
    private io.laminar.checkpoint.Restorer restorer() {
        List<io.laminar.checkpoint.Restorer.Target> targets = new ArrayList<>();
        for (CatalogEntry e : catalog.values()) {
            if (!(e instanceof CatalogEntry.Stream s)) continue;
            for (Pipeline p : s.pipelines) {
                if (p.isStateful()) targets.add(new io.laminar.checkpoint.Restorer.Target(p, fingerprint(p.plan())));
            }
        }
        return new io.laminar.checkpoint.Restorer(durable.store, targets, dataflow, config.statementTimeoutMillis());
    }

    /**
     * A stable digest of a query's physical plan: state written by one plan only restores into the same plan. The
     * names of generated kernel classes (numbered per process) and whether an expression was compiled or
     * interpreted do not count: neither changes what the state means.
     */
    private static String fingerprint(PhysicalPlan plan) {
        String stable = plan.explain().replaceAll(" ?\\[(compiled|interpreted)[^\\]\n]*\\]", "");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (stable + "\n" + plan.outputSchema()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts every query, view, source and sink where checkpoint {@code m} found them (null: the empty start), then
     * replays the WAL tail of MEMORY sources. Sources must not be running.
     */
    private void applyCheckpoint(io.laminar.checkpoint.Restorer.Loaded loaded) {
        io.laminar.checkpoint.Manifest m = loaded == null ? null : loaded.manifest;
        io.laminar.checkpoint.CheckpointCoordinator coord = durable.coordinator;
        if (m != null) {
            loaded.restoreOperators();
            if (m.id > coord.lastId()) coord.setLastId(m.id);
        }
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Stream s && s.view != null) {
                byte[] rows = m == null ? null : loaded.viewState(s.name);
                dataflow.runOnDelivery(() -> s.view.restore(rows));
            } else if (e instanceof CatalogEntry.Source s) {
                Map<String, Object> p = m == null ? null : m.sources.get(s.name);
                if (p == null) {
                    s.runtime.reset();
                    if (s.connectorInstance != null) s.connectorInstance.seek(null);
                } else {
                    s.runtime.restore(new SourceRuntime.Position(num(p.get("seq")), num(p.get("maxEventTime")),
                            num(p.get("watermark")), Boolean.TRUE.equals(p.get("finished")), (String) p.get("connectorPosition"),
                            num(p.get("walPosition")), num(p.get("rowsIn"))));
                    if (s.connectorInstance != null) s.connectorInstance.seek((String) p.get("connectorPosition"));
                }
            } else if (e instanceof CatalogEntry.Sink s && s.sink.isTransactional()) {
                String txn = m == null ? null : m.sinks.get(s.name);
                long epoch = m == null ? 0 : m.id;
                dataflow.runOnDelivery(() -> {
                    try {
                        s.sink.recover(epoch, txn);
                    } catch (Exception ex) {
                        throw new LaminarException(ErrorCode.CONNECTOR, "sink " + s.name + " cannot recover to checkpoint " + epoch
                                + ": " + ex.getMessage(), Map.of("sink", s.name), ex);
                    }
                });
            }
        }
        replayWal(m);
        dataflow.awaitIdle(config.statementTimeoutMillis());
    }

    private static long num(Object o) { return ((Number) o).longValue(); }

    /** Re-applies logged writes to MEMORY sources that the checkpoint does not hold (sequence numbers tell). */
    private void replayWal(io.laminar.checkpoint.Manifest m) {
        io.laminar.wal.SourceLogWriter.Replay apply = new io.laminar.wal.SourceLogWriter.Replay() {
            /** The live source a record's key belongs to; null for a dropped source or an earlier incarnation. */
            private SourceRuntime memorySource(String sourceKey) {
                String name = io.laminar.wal.SourceLogWriter.nameOf(sourceKey);
                if (!(catalog.get(key(name)) instanceof CatalogEntry.Source s) || !s.isMemory()) return null;
                io.laminar.wal.SourceLogWriter log = durable.sourceLogs.get(key(name));
                boolean legacyKey = sourceKey.equals(name); // logs written before keys carried the incarnation
                return legacyKey || (log != null && log.sourceKey().equals(sourceKey)) ? s.runtime : null;
            }

            @Override public boolean statementLogged(long id) { return durable.catalog.hasStatement(id); }

            @Override public void rows(String source, long seq, int count, java.io.DataInput in) throws java.io.IOException {
                SourceRuntime rt = memorySource(source);
                if (rt == null) return;
                synchronized (rt) {
                    if (seq <= rt.sequence()) return;
                    for (int i = 0; i < count; i++) {
                        int r = rt.beginRow();
                        io.laminar.state.ValueCodec.readRow(in, rt.batch(), r);
                        rt.rowAdded();
                    }
                    rt.replayed(seq);
                }
            }

            @Override public void watermark(String source, long seq, long watermark) {
                SourceRuntime rt = memorySource(source);
                if (rt == null) return;
                synchronized (rt) {
                    if (seq <= rt.sequence()) return;
                    rt.advanceWatermark(watermark);
                    rt.replayed(seq);
                }
            }

            @Override public void finish(String source, long seq) {
                SourceRuntime rt = memorySource(source);
                if (rt == null) return;
                synchronized (rt) {
                    if (seq <= rt.sequence()) return;
                    rt.finish();
                    rt.replayed(seq);
                }
            }
        };
        for (int c = 0; c < durable.wals.length; c++) {
            io.laminar.wal.WriteAheadLog wal = durable.wals[c];
            Long cut = m == null ? null : m.wal.get(String.valueOf(c));
            long from = Math.max(wal.firstPosition(), cut == null ? 0 : cut);
            wal.replay(from, (pos, type, payload) -> io.laminar.wal.SourceLogWriter.decode(type, payload, apply));
        }
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s && s.isMemory()) {
                synchronized (s.runtime) {
                    s.runtime.flush();
                }
            }
        }
    }

    /**
     * Takes a checkpoint now and returns its id: barriers through every query, state files and manifest written,
     * then sinks commit their epoch; older checkpoints beyond {@code Config.checkpointsRetained} and the WAL behind
     * the oldest kept one are deleted.
     */
    public synchronized long checkpoint() {
        checkOpen();
        requireDirectory("CHECKPOINT");
        List<io.laminar.checkpoint.CheckpointCoordinator.SourceEntry> sources = new ArrayList<>();
        List<Pipeline> pipelines = new ArrayList<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        List<String> sinks = new ArrayList<>();
        List<String> views = new ArrayList<>();
        List<CatalogEntry.Sink> transactional = new ArrayList<>();
        List<java.util.function.LongConsumer> unfed = new ArrayList<>();
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s) {
                sources.add(new io.laminar.checkpoint.CheckpointCoordinator.SourceEntry(s.name, s.runtime, s.connectorThread,
                        s.isMemory() ? s.runtime.homeCore() : -1));
            } else if (e instanceof CatalogEntry.Stream s) {
                for (Pipeline p : s.pipelines) {
                    if (!p.isStateful()) continue;
                    pipelines.add(p);
                    fingerprints.put(p.name(), fingerprint(p.plan()));
                }
                if (s.view != null) views.add(s.name);
            } else if (e instanceof CatalogEntry.Sink s && s.sink.isTransactional()) {
                sinks.add(s.name);
                transactional.add(s);
                if (isUnfedLateStream(catalog.get(key(s.from)))) {
                    // no query passes barriers into its input any more: the barrier is here, on the delivery thread
                    unfed.add(epoch -> dataflow.runOnDelivery(() -> s.consumer.onBarrier(epoch)));
                }
            }
        }
        io.laminar.checkpoint.Manifest m = durable.coordinator.take(new io.laminar.checkpoint.CheckpointCoordinator.Round(
                sources, pipelines, fingerprints, sinks, views, dataflow.coreCount(), unfed), config.statementTimeoutMillis());
        for (CatalogEntry.Sink s : transactional) {
            String txn = m.sinks.get(s.name);
            dataflow.runOnDelivery(() -> {
                try {
                    s.sink.commit(m.id, txn);
                } catch (Exception ex) {
                    // the manifest is durable: recovery redoes this commit
                    throw new LaminarException(ErrorCode.CONNECTOR, "sink " + s.name + " could not commit checkpoint " + m.id
                            + " (it is redone on recovery): " + ex.getMessage(), Map.of("sink", s.name), ex);
                }
            });
        }
        durable.store.retain(config.checkpointsRetained());
        List<Long> ids = durable.store.ids();
        io.laminar.checkpoint.Manifest oldest = ids.get(ids.size() - 1) == m.id ? m : durable.store.readManifest(ids.get(ids.size() - 1));
        if (oldest != null) {
            oldest.wal.forEach((core, pos) -> durable.wals[Integer.parseInt(core)].truncateBefore(pos));
        }
        return m.id;
    }

    /** A LATE DATA TO stream that no deployed query feeds any more, so no barrier reaches its readers. */
    private boolean isUnfedLateStream(CatalogEntry e) {
        if (!(e instanceof CatalogEntry.Stream late) || late.plan != null) return false;
        for (CatalogEntry x : catalog.values()) {
            if (x instanceof CatalogEntry.Stream s && s.plan != null && s.plan.lateDataTo() != null
                    && key(s.plan.lateDataTo()).equals(key(late.name))) {
                return false;
            }
        }
        return true;
    }

    private void periodicCheckpoint() {
        if (!closed) checkpoint();
    }

    /**
     * RESTORE FROM CHECKPOINT id: stops the sources, rolls queries, views, sources and sinks back to that checkpoint
     * (newer checkpoints are deleted: their future no longer happens), replays the WAL, and starts the sources again.
     */
    public synchronized void restore(long id) {
        checkOpen();
        requireDirectory("RESTORE FROM CHECKPOINT");
        io.laminar.checkpoint.Restorer.Loaded loaded = restorer().load(durable.store.load(id, false));
        for (CatalogEntry e : catalog.values()) {
            if (e instanceof CatalogEntry.Source s && s.connectorThread != null) {
                s.runtime.stop();
                try {
                    s.connectorThread.join(config.statementTimeoutMillis());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new LaminarException(ErrorCode.INTERNAL, "interrupted while stopping source " + s.name);
                }
                s.connectorThread = null; // startIdleSources starts it again from the restored position
            }
        }
        dataflow.awaitIdle(config.statementTimeoutMillis());
        for (long newer : durable.store.ids()) if (newer > id) durable.store.delete(newer);
        applyCheckpoint(loaded);
        startIdleSources();
    }

    private static String sourcesSummary(io.laminar.checkpoint.Manifest m) {
        StringBuilder sb = new StringBuilder();
        m.sources.forEach((name, p) -> {
            if (sb.length() > 0) sb.append(", ");
            sb.append(name).append('@');
            Object cp = p.get("connectorPosition");
            sb.append(cp != null ? cp : "seq " + p.get("seq"));
            if (Boolean.TRUE.equals(p.get("finished"))) sb.append(" (finished)");
        });
        return sb.toString();
    }
}
