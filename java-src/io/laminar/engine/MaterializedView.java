package io.laminar.engine;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.exec.Delivery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queryable state of a MATERIALIZED VIEW: the multiset of its current rows, kept by applying the stream's
 * changelog (+I/+U add a row, -U/-D remove one equal row). Fed on the delivery thread; read by ad-hoc queries on
 * any thread (synchronised — this is Ring 1/2, not the hot path).
 */
final class MaterializedView implements Delivery.Consumer {
    private final Schema schema;
    private final Map<List<Object>, int[]> rows = new LinkedHashMap<>();
    private long count;
    /** Receives the view's rows at each checkpoint barrier (null without checkpoints). */
    private final java.util.function.ObjLongConsumer<byte[]> onSnapshot;

    MaterializedView(Schema schema, java.util.function.ObjLongConsumer<byte[]> onSnapshot) {
        this.schema = schema;
        this.onSnapshot = onSnapshot;
    }

    /** Rows before the barrier are all applied, none after: the view's content is this checkpoint's. */
    @Override public void onBarrier(long epoch) {
        if (onSnapshot != null) onSnapshot.accept(snapshotBytes(), epoch);
    }

    /** {@code int distinct rows, then per row: int multiplicity, tagged array of values}. */
    synchronized byte[] snapshotBytes() {
        io.laminar.state.BytesOut out = new io.laminar.state.BytesOut(1024);
        try {
            out.writeInt(rows.size());
            for (Map.Entry<List<Object>, int[]> e : rows.entrySet()) {
                out.writeInt(e.getValue()[0]);
                io.laminar.state.ValueCodec.writeValue(out, e.getKey());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("snapshot of a materialized view", e);
        }
        return out.toByteArray();
    }

    /** Replaces the rows with a {@link #snapshotBytes()} image (null: empty). */
    @SuppressWarnings("unchecked")
    synchronized void restore(byte[] image) {
        rows.clear();
        count = 0;
        if (image == null) return;
        try {
            io.laminar.state.BytesIn in = new io.laminar.state.BytesIn(image);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int mult = in.readInt();
                rows.put((List<Object>) io.laminar.state.ValueCodec.readValue(in), new int[] {mult});
                count += mult;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("restoring a materialized view", e);
        }
    }

    /** Rows are copied out of the batch into the view's own lists: the core may reuse it at once. */
    @Override public boolean releasesBatches() { return true; }

    @Override public synchronized void onBatch(Batch b) {
        for (int r = 0; r < b.size; r++) {
            List<Object> row = Arrays.asList(InternalRows.fromBatch(b, r));
            if (RowKind.isAccumulate(b.ops[r])) {
                rows.computeIfAbsent(row, k -> new int[1])[0]++;
                count++;
            } else {
                int[] n = rows.get(row);
                if (n != null) {
                    count--;
                    if (--n[0] == 0) rows.remove(row);
                }
            }
        }
    }

    synchronized List<Object[]> snapshot() {
        List<Object[]> out = new ArrayList<>((int) count);
        for (Map.Entry<List<Object>, int[]> e : rows.entrySet()) {
            for (int i = 0; i < e.getValue()[0]; i++) out.add(e.getKey().toArray());
        }
        return out;
    }

    synchronized long size() { return count; }

    Schema schema() { return schema; }
}
