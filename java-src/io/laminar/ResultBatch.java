package io.laminar;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows a stream produced, as delivered to a subscriber: immutable, with each row's change kind
 * ({@code +I}, {@code -U}, {@code +U}, {@code -D}; append-only streams only have {@code +I}).
 */
public final class ResultBatch {
    private final String stream;
    private final Batch batch;
    private final boolean updating;

    ResultBatch(String stream, Batch batch, boolean updating) {
        this.stream = stream;
        this.batch = batch;
        this.updating = updating;
    }

    public String stream() { return stream; }
    public Schema schema() { return batch.schema; }
    public int size() { return batch.size; }
    public boolean isUpdating() { return updating; }

    /** {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    public String rowKind(int row) { return RowKind.shortString(batch.ops[row]); }

    public Object get(int row, int column) { return batch.value(column, row); }

    public Object get(int row, String column) {
        int c = batch.schema.indexOf(column);
        if (c < 0) throw new LaminarException(ErrorCode.UNKNOWN_COLUMN, "stream " + stream + " has no column " + column
                + "; columns: " + batch.schema.names());
        return batch.value(c, row);
    }

    public Object[] row(int row) { return batch.row(row); }

    /** Rows as maps in column order; for updating streams each map also holds {@code "_op"}. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>(batch.size);
        for (int r = 0; r < batch.size; r++) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (updating) m.put("_op", rowKind(r));
            for (int c = 0; c < batch.columnCount(); c++) m.put(batch.schema.field(c).name(), batch.value(c, r));
            out.add(m);
        }
        return out;
    }

    /** The rows as an Arrow batch allocated from {@code allocator}; the caller closes it. */
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        return io.laminar.data.ArrowBatches.toArrow(batch, allocator);
    }

    /** The underlying columnar batch (read-only by contract). */
    public Batch batch() { return batch; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(stream).append(" (").append(batch.size).append(" rows)");
        for (Map<String, Object> m : toMaps()) sb.append("\n  ").append(m);
        return sb.toString();
    }
}
