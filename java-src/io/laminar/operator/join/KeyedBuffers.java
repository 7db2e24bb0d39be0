package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateStore;
import java.util.Arrays;

/**
 * Per join key, the buffered rows of both sides. Each key gets a small int id while it holds rows, so timers can
 * name it without an object; ids are recycled when a key empties (a stale timer then just finds nothing to do).
 */
final class KeyedBuffers {
    /** Both sides' rows of one key. */
    static final class Sides {
        final KeyRow key;
        final int id;
        final RowBuffer[] side = new RowBuffer[2];

        Sides(KeyRow key, int id, Schema left, Schema right) {
            this.key = key;
            this.id = id;
            side[0] = new RowBuffer(left);
            side[1] = new RowBuffer(right);
        }

        boolean isEmpty() { return side[0].size() == 0 && side[1].size() == 0; }
    }

    private static final long NS = 0;
    private final StateStore<Sides> store = new HeapStateStore<>();
    private final Schema[] schemas;
    private final int[][] keyColumns;
    private final KeyRow probe;
    private Sides[] byId = new Sides[64];
    private int[] freeIds = new int[16];
    private int freeCount;
    private int nextId;
    private long rows;

    KeyedBuffers(Schema left, Schema right, int[] leftKeys, int[] rightKeys) {
        this.schemas = new Schema[] {left, right};
        this.keyColumns = new int[][] {leftKeys, rightKeys};
        this.probe = new KeyRow(KeyRow.storageOf(left, leftKeys));
    }

    /** True when any join key column of the row is NULL: SQL equality never matches it. */
    boolean hasNullKey(int side, Batch in, int r) {
        for (int c : keyColumns[side]) if (in.nulls[c][r]) return true;
        return false;
    }

    /** The key's buffers, or null when it holds nothing. */
    Sides find(int side, Batch in, int r) {
        probe.load(in, keyColumns[side], r);
        return store.get(NS, probe);
    }

    /** The key's buffers, created when absent. Call right after {@link #find} on the same row. */
    Sides findOrCreate(int side, Batch in, int r) {
        Sides s = find(side, in, r);
        if (s != null) return s;
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        if (id >= byId.length) byId = Arrays.copyOf(byId, byId.length * 2);
        s = new Sides(probe.copy(), id, schemas[0], schemas[1]);
        byId[id] = s;
        store.put(NS, s.key, s);
        return s;
    }

    Sides byId(int id) { return id < byId.length ? byId[id] : null; }

    /** Every live key has an id below this. */
    int idLimit() { return nextId; }

    void added() { rows++; }

    void removed() { rows--; }

    /** Drops a key that holds no rows any more and recycles its id. */
    void releaseIfEmpty(Sides s) {
        if (!s.isEmpty() || byId[s.id] != s) return;
        store.remove(NS, s.key);
        byId[s.id] = null;
        if (freeCount == freeIds.length) freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        freeIds[freeCount++] = s.id;
    }

    long rows() { return rows; }

    /** Every key with its rows: {@code int keys, keys x (key, 2 x (int n, n x (int matches, typed row)))}. */
    void snapshot(java.io.DataOutput out) throws java.io.IOException {
        java.util.List<Sides> all = new java.util.ArrayList<>();
        store.forEachEntry((ns, key, s) -> all.add(s));
        out.writeInt(all.size());
        for (Sides s : all) {
            s.key.write(out);
            for (RowBuffer b : s.side) {
                out.writeInt(b.size());
                for (int r = 0; r < b.size(); r++) {
                    out.writeInt(b.matches[r]);
                    io.laminar.state.ValueCodec.writeRow(out, b.rows, r);
                }
            }
        }
    }

    /**
     * Replaces every key with a snapshot's. {@code onKey} sees each restored key's buffers once, so the owner can
     * rebuild its timers.
     */
    void restore(java.io.DataInput in, java.util.function.Consumer<Sides> onKey) throws java.io.IOException {
        store.clear();
        Arrays.fill(byId, null);
        freeCount = 0;
        nextId = 0;
        rows = 0;
        int keys = in.readInt();
        for (int k = 0; k < keys; k++) {
            KeyRow key = KeyRow.read(in, probe.storage());
            int id = nextId++;
            if (id >= byId.length) byId = Arrays.copyOf(byId, Math.max(byId.length * 2, id + 1));
            Sides s = new Sides(key, id, schemas[0], schemas[1]);
            for (RowBuffer b : s.side) {
                int n = in.readInt();
                for (int r = 0; r < n; r++) {
                    int matches = in.readInt();
                    int i = b.rows.addRow(io.laminar.data.RowKind.INSERT);
                    io.laminar.state.ValueCodec.readRow(in, b.rows, i);
                    if (i >= b.matches.length) b.matches = Arrays.copyOf(b.matches, b.rows.capacity());
                    b.matches[i] = matches;
                    rows++;
                }
            }
            byId[id] = s;
            store.put(NS, key, s);
            onKey.accept(s);
        }
    }
}
