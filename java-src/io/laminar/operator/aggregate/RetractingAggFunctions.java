package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import io.laminar.state.ValueCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregate functions whose state must remember more than a running value so that a retracted row (-U/-D of an
 * updating input) can be taken back out: MIN/MAX keep every value with its multiplicity, COUNT(DISTINCT) a count
 * per value, FIRST_VALUE/LAST_VALUE the values in arrival order. COUNT and SUM retract by subtraction and live in
 * {@link AggFunctions}; FIRST_VALUE/LAST_VALUE over append-only input (no retraction) live here too.
 */
final class RetractingAggFunctions {
    private RetractingAggFunctions() {}

    /** MIN/MAX over LONG or DOUBLE storage: a primitive sorted multiset, so the next extreme is known at once. */
    static final class MinMaxPrimitive extends AggFunction {
        private final boolean max;
        private final boolean doubles;

        MinMaxPrimitive(int arg, boolean max, boolean doubles) {
            super(arg);
            this.max = max;
            this.doubles = doubles;
        }

        @Override int objectSlots() { return 1; }
        @Override void init(AggState s) { s.o[objectSlot] = new LongMultiset(); }
        @Override boolean retracts() { return true; }

        private long key(Batch in, int row) {
            return doubles ? LongMultiset.sortableBits(in.doubles[arg][row]) : in.longs[arg][row];
        }

        @Override void add(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) ((LongMultiset) s.o[objectSlot]).add(key(in, row));
        }

        @Override void retract(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) ((LongMultiset) s.o[objectSlot]).remove(key(in, row));
        }

        @Override void merge(AggState into, AggState from) {
            ((LongMultiset) into.o[objectSlot]).addAll((LongMultiset) from.o[objectSlot]);
        }

        @Override void result(AggState s, Batch out, int col, int row) {
            LongMultiset m = (LongMultiset) s.o[objectSlot];
            if (m.isEmpty()) {
                out.setNull(col, row);
                return;
            }
            long v = max ? m.max() : m.min();
            if (doubles) AggFunctions.writeDouble(out, col, row, LongMultiset.fromSortableBits(v));
            else AggFunctions.writeLong(out, col, row, v);
        }

        @Override void writeObjects(DataOutput out, AggState s) throws IOException {
            ((LongMultiset) s.o[objectSlot]).write(out);
        }

        @Override void readObjects(DataInput in, AggState s) throws IOException {
            s.o[objectSlot] = LongMultiset.read(in);
        }
    }

    /**
     * State of value → multiplicity (boxed, like COUNT(DISTINCT) always was): a value leaves when its last row is
     * retracted. Subclasses choose the map (sorted or hashed), which value a row contributes, and the result.
     */
    private abstract static class ValueCounts extends AggFunction {
        ValueCounts(int arg) { super(arg); }

        abstract Map<Object, long[]> newMap();

        /** The value row {@code row} contributes (its argument is not NULL). */
        abstract Object value(Batch in, int row);

        @Override int objectSlots() { return 1; }
        @Override void init(AggState s) { s.o[objectSlot] = newMap(); }
        @Override boolean retracts() { return true; }

        @SuppressWarnings("unchecked")
        final Map<Object, long[]> map(AggState s) { return (Map<Object, long[]>) s.o[objectSlot]; }

        @Override void add(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) increment(map(s), value(in, row), 1);
        }

        @Override void retract(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) increment(map(s), value(in, row), -1);
        }

        @Override void merge(AggState into, AggState from) {
            for (Map.Entry<Object, long[]> e : map(from).entrySet()) increment(map(into), e.getKey(), e.getValue()[0]);
        }

        @Override void writeObjects(DataOutput out, AggState s) throws IOException { writeCounts(out, map(s)); }
        @Override void readObjects(DataInput in, AggState s) throws IOException { s.o[objectSlot] = readCounts(in, newMap()); }
    }

    /** MIN/MAX over comparable objects (strings, decimals): a sorted map of value → multiplicity. */
    static final class MinMaxObject extends ValueCounts {
        private final boolean max;

        MinMaxObject(int arg, boolean max) {
            super(arg);
            this.max = max;
        }

        @Override Map<Object, long[]> newMap() { return new TreeMap<>(); }
        @Override Object value(Batch in, int row) { return in.getObject(arg, row); }

        @Override void result(AggState s, Batch out, int col, int row) {
            TreeMap<Object, long[]> m = (TreeMap<Object, long[]>) map(s);
            if (m.isEmpty()) out.setNull(col, row);
            else AggFunctions.writeObject(out, col, row, max ? m.lastKey() : m.firstKey());
        }
    }

    /**
     * COUNT(DISTINCT x) over numbers (LONG or DOUBLE storage) of an updating input: how many rows hold each value,
     * in a primitive {@link LongLongHashMap} (doubles by their bits, as {@code Double.equals} compares them). Writes
     * the layout of {@link CountDistinct}, so checkpoints of either restore into the other.
     */
    static final class CountDistinctNumbers extends AggFunction {
        private final boolean doubles;

        CountDistinctNumbers(int arg, boolean doubles) {
            super(arg);
            this.doubles = doubles;
        }

        @Override int objectSlots() { return 1; }
        @Override void init(AggState s) { s.o[objectSlot] = new LongLongHashMap(); }
        @Override boolean retracts() { return true; }

        @Override void add(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) ((LongLongHashMap) s.o[objectSlot]).addCount(distinctKey(in, row, doubles), 1);
        }

        @Override void retract(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) ((LongLongHashMap) s.o[objectSlot]).addCount(distinctKey(in, row, doubles), -1);
        }

        @Override void merge(AggState into, AggState from) {
            LongLongHashMap target = (LongLongHashMap) into.o[objectSlot];
            try {
                ((LongLongHashMap) from.o[objectSlot]).forEach(target::addCount);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // addCount does no I/O
            }
        }

        @Override void result(AggState s, Batch out, int col, int row) {
            out.setLong(col, row, ((LongLongHashMap) s.o[objectSlot]).size());
        }

        @Override void writeObjects(DataOutput out, AggState s) throws IOException {
            LongLongHashMap m = (LongLongHashMap) s.o[objectSlot];
            out.writeInt(m.size());
            m.forEach((value, count) -> {
                if (doubles) ValueCodec.writeDouble(out, Double.longBitsToDouble(value));
                else ValueCodec.writeLong(out, value);
                out.writeLong(count);
            });
        }

        @Override void readObjects(DataInput in, AggState s) throws IOException {
            int n = in.readInt();
            if (n < 0) throw new IOException("implausible map size " + n + " (corrupt data)");
            LongLongHashMap m = new LongLongHashMap(n);
            for (int i = 0; i < n; i++) {
                Object v = ValueCodec.readValue(in);
                long count = in.readLong();
                switch (v) {
                    case Long l when !doubles -> m.put(l, count, 0);
                    case Double d when doubles -> m.put(Double.doubleToLongBits(d), count, 0);
                    default -> throw new IOException("COUNT(DISTINCT) state holds " + v + ", not a "
                            + (doubles ? "double" : "long") + " (corrupt or from another query)");
                }
            }
            s.o[objectSlot] = m;
        }
    }

    /** COUNT(DISTINCT x) over strings, decimals and other objects of an updating input: how many rows hold each value. */
    static final class CountDistinct extends ValueCounts {
        CountDistinct(int arg) { super(arg); }

        @Override Map<Object, long[]> newMap() { return new HashMap<>(); }
        @Override Object value(Batch in, int row) { return boxedArg(in, row); }
        @Override void result(AggState s, Batch out, int col, int row) { out.setLong(col, row, map(s).size()); }
    }

    /** SUM over DECIMAL with retraction: the running sum plus a count of values, so an emptied sum is NULL again. */
    static final class SumDecimal extends AggFunction {
        private final boolean zeroWhenEmpty;

        SumDecimal(int arg, boolean zeroWhenEmpty) {
            super(arg);
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override int longSlots() { return 1; }
        @Override int objectSlots() { return 1; }
        @Override boolean retracts() { return true; }

        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            BigDecimal v = in.decimal(arg, row), cur = (BigDecimal) s.o[objectSlot];
            s.o[objectSlot] = cur == null ? v : cur.add(v);
            s.l[longSlot]++;
        }

        @Override void retract(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            BigDecimal v = in.decimal(arg, row), cur = (BigDecimal) s.o[objectSlot];
            s.o[objectSlot] = --s.l[longSlot] == 0 ? null : (cur == null ? v.negate() : cur.subtract(v));
        }

        @Override void merge(AggState into, AggState from) {
            BigDecimal a = (BigDecimal) into.o[objectSlot], b = (BigDecimal) from.o[objectSlot];
            into.o[objectSlot] = a == null ? b : b == null ? a : a.add(b);
            into.l[longSlot] += from.l[longSlot];
        }

        @Override void result(AggState s, Batch out, int col, int row) {
            Object v = s.o[objectSlot];
            if (s.l[longSlot] == 0 || v == null) {
                if (zeroWhenEmpty) AggFunctions.writeObject(out, col, row, BigDecimal.ZERO);
                else out.setNull(col, row);
            } else {
                AggFunctions.writeObject(out, col, row, v);
            }
        }
    }

    /**
     * FIRST_VALUE/LAST_VALUE over an append-only input: the first (last) non-NULL value in arrival order, as in
     * Flink. One flag slot says whether a value was seen; the value sits in the slot of its storage class.
     */
    static final class FirstLast extends AggFunction {
        private final boolean last;
        private final io.laminar.data.ColumnType.Storage storage;

        FirstLast(int arg, boolean last, io.laminar.data.ColumnType.Storage storage) {
            super(arg);
            this.last = last;
            this.storage = storage;
        }

        @Override int longSlots() { return storage == io.laminar.data.ColumnType.Storage.LONG ? 2 : 1; }
        @Override int doubleSlots() { return storage == io.laminar.data.ColumnType.Storage.DOUBLE ? 1 : 0; }
        @Override int objectSlots() { return storage == io.laminar.data.ColumnType.Storage.OBJECT ? 1 : 0; }

        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row) || (!last && s.l[longSlot] != 0)) return;
            s.l[longSlot] = 1;
            switch (storage) {
                case LONG -> s.l[longSlot + 1] = in.longs[arg][row];
                case DOUBLE -> s.d[doubleSlot] = in.doubles[arg][row];
                case OBJECT -> s.o[objectSlot] = in.getObject(arg, row);
            }
        }

        @Override void merge(AggState into, AggState from) {
            if (from.l[longSlot] == 0 || (!last && into.l[longSlot] != 0)) return;
            into.l[longSlot] = 1;
            switch (storage) {
                case LONG -> into.l[longSlot + 1] = from.l[longSlot + 1];
                case DOUBLE -> into.d[doubleSlot] = from.d[doubleSlot];
                case OBJECT -> into.o[objectSlot] = from.o[objectSlot];
            }
        }

        @Override void result(AggState s, Batch out, int col, int row) {
            if (s.l[longSlot] == 0) {
                out.setNull(col, row);
                return;
            }
            switch (storage) {
                case LONG -> AggFunctions.writeLong(out, col, row, s.l[longSlot + 1]);
                case DOUBLE -> AggFunctions.writeDouble(out, col, row, s.d[doubleSlot]);
                case OBJECT -> AggFunctions.writeObject(out, col, row, s.o[objectSlot]);
            }
        }
    }

    /**
     * FIRST_VALUE/LAST_VALUE over an updating input: the non-NULL values in arrival order (boxed, like
     * COUNT(DISTINCT)). A retraction removes the earliest occurrence of its value, so the first (last) value is
     * the earliest (latest) one still present.
     */
    static final class FirstLastRetract extends AggFunction {
        private final boolean last;

        FirstLastRetract(int arg, boolean last) {
            super(arg);
            this.last = last;
        }

        @Override int objectSlots() { return 1; }
        @Override void init(AggState s) { s.o[objectSlot] = new ArrayList<>(); }
        @Override boolean retracts() { return true; }

        @SuppressWarnings("unchecked")
        private List<Object> values(AggState s) { return (List<Object>) s.o[objectSlot]; }

        @Override void add(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) values(s).add(boxedArg(in, row));
        }

        @Override void retract(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) values(s).remove(boxedArg(in, row));
        }

        @Override void merge(AggState into, AggState from) { values(into).addAll(values(from)); }

        @Override void result(AggState s, Batch out, int col, int row) {
            List<Object> v = values(s);
            if (v.isEmpty()) {
                out.setNull(col, row);
                return;
            }
            Object x = v.get(last ? v.size() - 1 : 0);
            if (x instanceof Long l) AggFunctions.writeLong(out, col, row, l);
            else if (x instanceof Double d) AggFunctions.writeDouble(out, col, row, d);
            else AggFunctions.writeObject(out, col, row, x);
        }

        @Override void readObjects(DataInput in, AggState s) throws IOException {
            s.o[objectSlot] = new ArrayList<>((List<?>) ValueCodec.readValue(in));
        }
    }

    /** Adds {@code delta} to the multiplicity of {@code v}; a value whose multiplicity reaches 0 leaves the map. */
    static void increment(Map<Object, long[]> m, Object v, long delta) {
        long[] c = m.get(v);
        if (c == null) {
            if (delta > 0) m.put(v, new long[] {delta});
            return; // retracting a value never added: nothing to take back
        }
        c[0] += delta;
        if (c[0] <= 0) m.remove(v);
    }

    static void writeCounts(DataOutput out, Map<Object, long[]> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<Object, long[]> e : m.entrySet()) {
            ValueCodec.writeValue(out, e.getKey());
            out.writeLong(e.getValue()[0]);
        }
    }

    static Map<Object, long[]> readCounts(DataInput in, Map<Object, long[]> m) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("implausible map size " + n + " (corrupt data)");
        for (int i = 0; i < n; i++) {
            Object k = ValueCodec.readValue(in);
            m.put(k, new long[] {in.readLong()});
        }
        return m;
    }
}
