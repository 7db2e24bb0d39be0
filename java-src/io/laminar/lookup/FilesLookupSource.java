package io.laminar.lookup;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Options;
import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.engine.InternalRows;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A lookup table's rows in files, read with the FILES connector's options ({@code 'path'}, {@code 'format'},
 * {@code 'csv.header'}, ...): a bounded side input such as Nexmark q13's. Files have no point lookups, so such a table
 * keeps a full cache; a record that does not decode is counted and left out, as a FILES source dead-letters it.
 */
public final class FilesLookupSource implements LookupSource {
    private final String table;
    private final Schema schema;
    private final Options options;
    private final ConnectorFactory files;
    private volatile long rejected;

    public FilesLookupSource(String table, Schema schema, Options options, ConnectorFactory files) {
        this.table = table;
        this.schema = schema;
        java.util.Map<String, String> fileOptions = new java.util.LinkedHashMap<>(options.asMap());
        fileOptions.keySet().removeAll(ExternalLookupTable.CACHE_OPTIONS); // the FILES connector's own options only
        this.options = new Options(options.objectName(), fileOptions);
        this.files = files;
        files.validateSource(table, schema, this.options);
    }

    @Override public Fetcher fetcher() { // never called: a files table keeps a full cache
        throw new ConnectorException(ErrorCode.UNSUPPORTED_QUERY, "LOOKUP TABLE " + table + " reads files, which "
                + "cannot be searched by key; use 'cache' = 'full'");
    }

    @Override public void scan(Consumer<Object[]> rows) {
        long[] bad = {0};
        Batch batch = new Batch(schema, 1024);
        SourceContext collector = new SourceContext() {
            @Override public String sourceName() { return table; }
            @Override public Schema schema() { return schema; }
            @Override public Batch batch() { return batch; }
            @Override public void rowAdded() { if (batch.size >= 1024) flush(); }
            @Override public void deadLetter(String origin, String reason, String originalText) { bad[0]++; }
            @Override public boolean isStopped() { return false; }

            @Override public void flush() {
                for (int r = 0; r < batch.size; r++) rows.accept(InternalRows.fromBatch(batch, r));
                batch.clear();
            }
        };
        try {
            files.createSource(table, schema, options, Path.of(".")).run(collector);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectorException(ErrorCode.CONNECTOR, "LOOKUP TABLE " + table + ": cannot read "
                    + describe() + ": " + e.getMessage(), java.util.Map.of("table", table), e);
        }
        collector.flush();
        rejected = bad[0];
        if (bad[0] > 0) {
            System.err.println("laminar: LOOKUP TABLE " + table + ": " + bad[0] + " records of " + describe()
                    + " could not be decoded and were left out");
        }
    }

    @Override public String describe() {
        return "files " + options.get("path", "?") + (rejected > 0 ? " (" + rejected + " undecodable records left out)" : "");
    }

    @Override public void close() {}
}
