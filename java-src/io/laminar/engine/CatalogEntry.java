package io.laminar.engine;

import io.laminar.connector.SinkConnector;
import io.laminar.connector.SourceConnector;
import io.laminar.data.Schema;
import io.laminar.exec.Delivery;
import io.laminar.exec.Node;
import io.laminar.exec.Pipeline;
import io.laminar.exec.SourceRuntime;
import io.laminar.plan.PhysicalPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/** One named object of the catalog. Mutable only by the control plane (under the database's lock). */
abstract class CatalogEntry {
    enum Kind {
        SOURCE("SOURCE"), STREAM("STREAM"), MATERIALIZED_VIEW("MATERIALIZED VIEW"), SINK("SINK"), TABLE("TABLE");

        final String sql;

        Kind(String sql) { this.sql = sql; }
    }

    final String name;
    final Kind kind;
    final String sql;

    CatalogEntry(String name, Kind kind, String sql) {
        this.name = name;
        this.kind = kind;
        this.sql = sql;
    }

    abstract Schema schema();

    /** Names of the objects this one reads. */
    java.util.List<String> inputs() { return java.util.List.of(); }

    static final class Source extends CatalogEntry {
        final Schema schema;
        final long watermarkDelay;
        final String watermarkColumn;
        final String connector;
        final Map<String, String> options;
        final SourceRuntime runtime;
        /** PRIMARY KEY columns of an upsert source, or null for an append-only source. */
        final int[] upsertKey;
        /** Names of the columns computed as PROCTIME() when a query reads the source (not stored). */
        java.util.Set<String> procTimeColumns = java.util.Set.of();
        SourceConnector connectorInstance;
        Thread connectorThread;
        volatile Throwable connectorError;

        Source(String name, String sql, Schema schema, String watermarkColumn, long watermarkDelay, String connector,
               Map<String, String> options, SourceRuntime runtime, int[] upsertKey) {
            super(name, Kind.SOURCE, sql);
            this.upsertKey = upsertKey;
            this.schema = schema;
            this.watermarkColumn = watermarkColumn;
            this.watermarkDelay = watermarkDelay;
            this.connector = connector;
            this.options = new LinkedHashMap<>(options);
            this.runtime = runtime;
        }

        boolean isMemory() { return connector == null || connector.equalsIgnoreCase("MEMORY"); }

        @Override Schema schema() { return schema; }
    }

    static final class Stream extends CatalogEntry {
        final PhysicalPlan plan;      // the query's last pipeline; null for a LATE DATA TO target
        final Pipeline pipeline;      // the pipeline producing this stream; null for a LATE DATA TO target
        /** Every pipeline of the query, dependencies first (internal ones produce nodes named name$n); ends with pipeline. */
        final java.util.List<Pipeline> pipelines;
        final Node node;
        final String input;           // the first input (the source of a LATE DATA TO target)
        final java.util.List<String> inputs; // every source/stream of the catalog the query reads
        final MaterializedView view;  // non-null for materialized views

        Stream(String name, Kind kind, String sql, PhysicalPlan plan, java.util.List<Pipeline> pipelines, Node node,
               java.util.List<String> inputs, MaterializedView view) {
            super(name, kind, sql);
            this.plan = plan;
            this.pipelines = java.util.List.copyOf(pipelines);
            this.pipeline = pipelines.isEmpty() ? null : pipelines.get(pipelines.size() - 1);
            this.node = node;
            this.inputs = java.util.List.copyOf(inputs);
            this.input = inputs.isEmpty() ? null : inputs.get(0);
            this.view = view;
        }

        /** Rows/keys held across every pipeline of the query. */
        long stateSize() {
            long n = 0;
            for (Pipeline p : pipelines) n += p.stateSize();
            return n;
        }

        long lateRowsDropped() {
            long n = 0;
            for (Pipeline p : pipelines) n += p.lateRowsDropped();
            return n;
        }

        @Override Schema schema() { return node.schema; }
        @Override java.util.List<String> inputs() { return inputs; }
    }

    static final class Sink extends CatalogEntry {
        final String from;
        final String connector;
        final SinkConnector sink;
        final Delivery.Consumer consumer;
        final Schema schema;

        Sink(String name, String sql, String from, String connector, SinkConnector sink, Delivery.Consumer consumer, Schema schema) {
            super(name, Kind.SINK, sql);
            this.from = from;
            this.connector = connector;
            this.sink = sink;
            this.consumer = consumer;
            this.schema = schema;
        }

        @Override Schema schema() { return schema; }
        @Override java.util.List<String> inputs() { return java.util.List.of(from); }
    }

    static final class Table extends CatalogEntry {
        final ReferenceTable data;

        Table(String name, String sql, ReferenceTable data) {
            super(name, Kind.TABLE, sql);
            this.data = data;
        }

        @Override Schema schema() { return data.schema(); }
    }

    /** {@code CREATE LOOKUP TABLE}: rows of an external system, fetched by key through a cache. */
    static final class LookupTable extends CatalogEntry {
        final io.laminar.lookup.ExternalLookupTable table;

        LookupTable(String name, String sql, io.laminar.lookup.ExternalLookupTable table) {
            super(name, Kind.TABLE, sql);
            this.table = table;
        }

        @Override Schema schema() { return table.schema(); }
    }
}
