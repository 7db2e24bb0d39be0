package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** The aggregate functions of this step. Each class is small and final so the JIT can see through it. */
final class AggFunctions {
    private AggFunctions() {}

    /** COUNT(*) and COUNT(x): rows, or rows with x not null. */
    static final class Count extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        Count(int arg) { super(arg); }
        @Override int longSlots() { return 1; }
        @Override void add(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) s.l[longSlot]++;
        }
        @Override boolean retracts() { return true; }
        @Override void retract(AggState s, Batch in, int row) {
            if (!argIsNull(in, row)) s.l[longSlot]--;
        }
        @Override void merge(AggState into, AggState from) { into.l[longSlot] += from.l[longSlot]; }
        @Override void result(AggState s, Batch out, int col, int row) { out.setLong(col, row, s.l[longSlot]); }
    }

    /** COUNT(DISTINCT x) over strings, decimals and other objects: a set of the values seen. */
    static final class CountDistinct extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        CountDistinct(int arg) { super(arg); }
        @Override int objectSlots() { return 1; }
        @Override void init(AggState s) { s.o[objectSlot] = new HashSet<>(); }
        @SuppressWarnings("unchecked")
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            ((Set<Object>) s.o[objectSlot]).add(boxedArg(in, row));
        }
        @SuppressWarnings("unchecked")
        @Override void merge(AggState into, AggState from) {
            ((Set<Object>) into.o[objectSlot]).addAll((Set<Object>) from.o[objectSlot]);
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            out.setLong(col, row, ((Set<?>) s.o[objectSlot]).size());
        }
    }

    /**
     * COUNT(DISTINCT x) over numbers (LONG or DOUBLE storage) of an append-only input, unboxed. The calls of one
     * GROUP BY that count distinct values of the same column — q15's total and per-price-rank bidders, told apart
     * only by FILTER — share one {@link DistinctValueSet} per group holding each value with a bitmask of the calls
     * that have seen it: one probe per row for all of them instead of one boxed set per call. The group's first call (the
     * owner) does the work for every member, evaluating each member's FILTER itself; the others are not called.
     * Each call's count lives in a long slot of the group's state, beside the other counts, so writing a result
     * reads no further object. That slot is derived: checkpoints leave it out (see
     * {@link Aggregators#writeState}) and each call writes its own values as a tagged set — the bytes a boxed set of
     * the same values wrote, so checkpoints of either layout restore into the other.
     */
    static final class DistinctCounts extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        /** The most calls one map serves: a value's bitmask is a long. */
        static final int MAX_MEMBERS = 64;

        private final boolean doubles;
        /** This call's bit in the shared bitmasks. */
        private int member;
        /** The call that owns the shared map (this one for the owner). */
        private DistinctCounts owner = this;
        /** Owner only, indexed by member: each member's FILTER column (-1 for none) and its count's long slot. */
        private int[] memberFilters = {-1};
        private int[] memberCountSlots = {-1};

        DistinctCounts(int arg, boolean doubles) {
            super(arg);
            this.doubles = doubles;
        }

        /** True when this call can share a map with {@code other}'s group (same column, room for one more). */
        boolean canJoin(DistinctCounts other) {
            return other.owner == other && other.arg == arg && other.memberFilters.length < MAX_MEMBERS;
        }

        /** Makes this call a member of {@code group} (an owner), with this call's own FILTER column; slots assigned. */
        void join(DistinctCounts group, int filterColumn) {
            owner = group;
            member = group.memberFilters.length;
            group.memberFilters = java.util.Arrays.copyOf(group.memberFilters, member + 1);
            group.memberFilters[member] = filterColumn;
            group.memberCountSlots = java.util.Arrays.copyOf(group.memberCountSlots, member + 1);
            group.memberCountSlots[member] = longSlot;
        }

        /** Makes this call an owner whose own FILTER column is {@code filterColumn}; slots assigned. */
        void own(int filterColumn) {
            memberFilters[0] = filterColumn;
            memberCountSlots[0] = longSlot;
        }

        boolean isOwner() { return owner == this; }

        @Override int longSlots() { return 1; }
        @Override int objectSlots() { return 1; }

        @Override void init(AggState s) {
            // the owner comes first in the call list, so its map exists when a member's init runs
            s.o[objectSlot] = isOwner() ? new DistinctValueSet(memberFilters.length, !doubles) : s.o[owner.objectSlot];
        }

        /** Counts a value for the members in {@code bits} that had not seen it. */
        private void add(AggState s, DistinctValueSet seen, long value, long bits) {
            long fresh = seen.orBits(value, bits);
            while (fresh != 0) {
                s.l[memberCountSlots[Long.numberOfTrailingZeros(fresh)]]++;
                fresh &= fresh - 1;
            }
        }

        /** Owner only: each member's FILTER column as its bit in {@link Aggregators}' per-row mask. */
        private int[] memberFilterBits;

        /**
         * Owner only, when the FILTER bits of the members all lie below {@link #MEMBER_TABLE_BITS}: the members'
         * bitmask for each pattern of those low bits of the row's mask — one load per row instead of a loop over the
         * members (q15/q16: four members over three FILTER columns, an 8-entry table).
         */
        private long[] membersByFilters;
        private int filterPatternMask;
        static final int MEMBER_TABLE_BITS = 8;

        /** Owner only: members' filters will be passed as a mask ({@link #add(AggState, Batch, int, long)}). */
        void useFilterBits(java.util.function.IntUnaryOperator bitOfColumn) {
            if (!isOwner()) return;
            memberFilterBits = new int[memberFilters.length];
            int width = 0;
            for (int m = 0; m < memberFilters.length; m++) {
                int bit = bitOfColumn.applyAsInt(memberFilters[m]);
                memberFilterBits[m] = bit;
                if (bit != Aggregators.NO_FILTER) width = Math.max(width, bit + 1);
            }
            if (width > MEMBER_TABLE_BITS) return;
            membersByFilters = new long[1 << width];
            filterPatternMask = (1 << width) - 1;
            for (int pattern = 0; pattern < membersByFilters.length; pattern++) {
                long passed = pattern | 1L << Aggregators.NO_FILTER;
                membersByFilters[pattern] = membersPassing(passed);
            }
        }

        /** The members whose FILTER bit is set in {@code passed}. */
        private long membersPassing(long passed) {
            final int[] filterBits = memberFilterBits;
            long bits = 0;
            for (int m = 0; m < filterBits.length; m++) bits |= (passed >>> filterBits[m] & 1) << m; // no branch
            return bits;
        }

        /**
         * Owner only: folds the row into every member whose FILTER it passes, the filters already evaluated into
         * {@code passed} (after {@link #useFilterBits}; without it each member's column is read).
         */
        void add(AggState s, Batch in, int row, long passed) {
            final int[] filterBits = memberFilterBits;
            if (filterBits == null) {
                add(s, in, row); // no mask: evaluate each member's FILTER column
                return;
            }
            if (argIsNull(in, row)) return;
            final long[] table = membersByFilters;
            long bits = table != null ? table[(int) passed & filterPatternMask] : membersPassing(passed);
            if (bits != 0) add(s, (DistinctValueSet) s.o[objectSlot], distinctKey(in, row, doubles), bits);
        }

        /** Owner only: reads the shared set's own fields (not its table). */
        long warmState(AggState s) {
            return ((DistinctValueSet) s.o[objectSlot]).warmFields();
        }

        /** Owner only: the slot of the shared set that this row's value is probed at. */
        @Override long warm(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return 0;
            return ((DistinctValueSet) s.o[objectSlot]).warm(distinctKey(in, row, doubles));
        }

        /** Owner only (members are not called): folds the row into every member whose FILTER it passes. */
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            final int[] filters = memberFilters;
            long bits = 0;
            for (int m = 0; m < filters.length; m++) {
                int f = filters[m];
                if (f < 0 || (!in.nulls[f][row] && in.longs[f][row] != 0)) bits |= 1L << m;
            }
            if (bits != 0) add(s, (DistinctValueSet) s.o[objectSlot], distinctKey(in, row, doubles), bits);
        }

        @Override void merge(AggState into, AggState from) {
            if (!isOwner()) return; // the owner merges the shared map once for all members
            DistinctValueSet target = (DistinctValueSet) into.o[objectSlot];
            try {
                ((DistinctValueSet) from.o[objectSlot]).forEach((value, bits) -> add(into, target, value, bits));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // counting does no I/O
            }
        }

        @Override void result(AggState s, Batch out, int col, int row) {
            out.setLong(col, row, s.l[longSlot]);
        }

        /** The count is derived from the values: checkpoints leave it out and {@link #readObjects} recounts. */
        @Override boolean derivedLongSlots() { return true; }

        @Override void writeObjects(java.io.DataOutput out, AggState s) throws java.io.IOException {
            long bit = 1L << member;
            io.laminar.state.ValueCodec.writeSetHeader(out, (int) s.l[longSlot]);
            ((DistinctValueSet) s.o[objectSlot]).forEach((value, bits) -> {
                if ((bits & bit) == 0) return;
                if (doubles) io.laminar.state.ValueCodec.writeDouble(out, Double.longBitsToDouble(value));
                else io.laminar.state.ValueCodec.writeLong(out, value);
            });
        }

        @Override void readObjects(java.io.DataInput in, AggState s) throws java.io.IOException {
            DistinctValueSet seen = isOwner() ? new DistinctValueSet(memberFilters.length, !doubles)
                    : (DistinctValueSet) s.o[owner.objectSlot];
            s.o[objectSlot] = seen;
            Object values = io.laminar.state.ValueCodec.readValue(in);
            if (!(values instanceof Set<?> set)) {
                throw new java.io.IOException("COUNT(DISTINCT) state is not a set of values: " + values);
            }
            long bit = 1L << member;
            s.l[longSlot] = 0;
            for (Object v : set) {
                long key = switch (v) {
                    case Long l when !doubles -> l;
                    case Double d when doubles -> Double.doubleToLongBits(d);
                    default -> throw new java.io.IOException("COUNT(DISTINCT) state holds " + v + ", not a "
                            + (doubles ? "double" : "long") + " (corrupt or from another query)");
                };
                if (seen.orBits(key, bit) != 0) s.l[longSlot]++;
            }
        }
    }

    /** SUM over integral columns; slot 1 counts non-null inputs so that SUM of no values is NULL (SUM0: 0). */
    static final class SumLong extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        private final boolean zeroWhenEmpty;
        SumLong(int arg, boolean zeroWhenEmpty) { super(arg); this.zeroWhenEmpty = zeroWhenEmpty; }
        @Override int longSlots() { return 2; }
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            s.l[longSlot] = Math.addExact(s.l[longSlot], in.longs[arg][row]);
            s.l[longSlot + 1]++;
        }
        @Override boolean retracts() { return true; }
        @Override void retract(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            s.l[longSlot] = Math.subtractExact(s.l[longSlot], in.longs[arg][row]);
            s.l[longSlot + 1]--;
        }
        @Override void merge(AggState into, AggState from) {
            into.l[longSlot] = Math.addExact(into.l[longSlot], from.l[longSlot]);
            into.l[longSlot + 1] += from.l[longSlot + 1];
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            if (s.l[longSlot + 1] == 0 && !zeroWhenEmpty) out.setNull(col, row);
            else writeLong(out, col, row, s.l[longSlot]);
        }
    }

    static final class SumDouble extends AggFunction {
        private final boolean zeroWhenEmpty;
        SumDouble(int arg, boolean zeroWhenEmpty) { super(arg); this.zeroWhenEmpty = zeroWhenEmpty; }
        @Override int longSlots() { return 1; }
        @Override int doubleSlots() { return 1; }
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            s.d[doubleSlot] += in.doubles[arg][row];
            s.l[longSlot]++;
        }
        @Override boolean retracts() { return true; }
        @Override void retract(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            // back to exactly 0.0 when the last value leaves, so rounding residue never outlives the values
            s.d[doubleSlot] = --s.l[longSlot] == 0 ? 0.0 : s.d[doubleSlot] - in.doubles[arg][row];
        }
        @Override void merge(AggState into, AggState from) {
            into.d[doubleSlot] += from.d[doubleSlot];
            into.l[longSlot] += from.l[longSlot];
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            if (s.l[longSlot] == 0 && !zeroWhenEmpty) out.setNull(col, row);
            else writeDouble(out, col, row, s.d[doubleSlot]);
        }
    }

    static final class SumDecimal extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        private final boolean zeroWhenEmpty;
        SumDecimal(int arg, boolean zeroWhenEmpty) { super(arg); this.zeroWhenEmpty = zeroWhenEmpty; }
        @Override int objectSlots() { return 1; }
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            BigDecimal v = in.decimal(arg, row);
            BigDecimal cur = (BigDecimal) s.o[objectSlot];
            s.o[objectSlot] = cur == null ? v : cur.add(v);
        }
        @Override void merge(AggState into, AggState from) {
            BigDecimal a = (BigDecimal) into.o[objectSlot], b = (BigDecimal) from.o[objectSlot];
            into.o[objectSlot] = a == null ? b : b == null ? a : a.add(b);
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            Object v = s.o[objectSlot];
            if (v == null) {
                if (zeroWhenEmpty) writeObject(out, col, row, BigDecimal.ZERO);
                else out.setNull(col, row);
            } else {
                writeObject(out, col, row, v);
            }
        }
    }

    /** MIN/MAX over long-stored columns (integers, timestamps, booleans). */
    static final class MinMaxLong extends AggFunction {
        @Override boolean mergesInAnyOrder() { return true; }
        private final boolean max;
        MinMaxLong(int arg, boolean max) { super(arg); this.max = max; }
        @Override int longSlots() { return 2; }
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            long v = in.longs[arg][row];
            if (s.l[longSlot + 1] == 0 || (max ? v > s.l[longSlot] : v < s.l[longSlot])) s.l[longSlot] = v;
            s.l[longSlot + 1] = 1;
        }
        @Override void merge(AggState into, AggState from) {
            if (from.l[longSlot + 1] == 0) return;
            long v = from.l[longSlot];
            if (into.l[longSlot + 1] == 0 || (max ? v > into.l[longSlot] : v < into.l[longSlot])) into.l[longSlot] = v;
            into.l[longSlot + 1] = 1;
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            if (s.l[longSlot + 1] == 0) out.setNull(col, row);
            else writeLong(out, col, row, s.l[longSlot]);
        }
    }

    static final class MinMaxDouble extends AggFunction {
        private final boolean max;
        MinMaxDouble(int arg, boolean max) { super(arg); this.max = max; }
        @Override int longSlots() { return 1; }
        @Override int doubleSlots() { return 1; }
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            double v = in.doubles[arg][row];
            if (s.l[longSlot] == 0 || (max ? v > s.d[doubleSlot] : v < s.d[doubleSlot])) s.d[doubleSlot] = v;
            s.l[longSlot] = 1;
        }
        @Override void merge(AggState into, AggState from) {
            if (from.l[longSlot] == 0) return;
            double v = from.d[doubleSlot];
            if (into.l[longSlot] == 0 || (max ? v > into.d[doubleSlot] : v < into.d[doubleSlot])) into.d[doubleSlot] = v;
            into.l[longSlot] = 1;
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            if (s.l[longSlot] == 0) out.setNull(col, row);
            else writeDouble(out, col, row, s.d[doubleSlot]);
        }
    }

    /** MIN/MAX over comparable objects (strings, decimals). */
    static final class MinMaxObject extends AggFunction {
        private final boolean max;
        /**
         * The groups' current strings share instances: the next row compares against a string in cache, not each
         * group's own copy (q16: MAX of the minute per channel and day, ten thousand groups).
         */
        private final io.laminar.state.StringPool kept = new io.laminar.state.StringPool(10);
        MinMaxObject(int arg, boolean max) { super(arg); this.max = max; }
        @Override int objectSlots() { return 1; }
        @SuppressWarnings({"unchecked", "rawtypes"})
        @Override void add(AggState s, Batch in, int row) {
            if (argIsNull(in, row)) return;
            Comparable v = (Comparable) in.getObject(arg, row);
            Object cur = s.o[objectSlot];
            if (cur == null || (max ? v.compareTo(cur) > 0 : v.compareTo(cur) < 0)) s.o[objectSlot] = kept.canonical(v);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        @Override void merge(AggState into, AggState from) {
            Comparable v = (Comparable) from.o[objectSlot];
            Object cur = into.o[objectSlot];
            if (v != null && (cur == null || (max ? v.compareTo(cur) > 0 : v.compareTo(cur) < 0))) into.o[objectSlot] = v;
        }
        @Override void result(AggState s, Batch out, int col, int row) {
            Object v = s.o[objectSlot];
            if (v == null) out.setNull(col, row);
            else writeObject(out, col, row, v);
        }
    }

    // Results go into output columns whose storage may differ from the accumulator's (e.g. SUM(INT) as BIGINT is
    // long→long, but Calcite may type SUM over DECIMAL(p,s) wider); these helpers convert when needed.
    // A DECIMAL output column (objects or scaled longs) always takes a BigDecimal through setObject.
    static void writeLong(Batch out, int col, int row, long v) {
        switch (out.storage(col)) {
            case LONG -> out.setLong(col, row, v);
            case DOUBLE -> out.setDouble(col, row, v);
            default -> out.setObject(col, row, BigDecimal.valueOf(v));
        }
    }

    static void writeDouble(Batch out, int col, int row, double v) {
        switch (out.storage(col)) {
            case DOUBLE -> out.setDouble(col, row, v);
            case LONG -> out.setLong(col, row, (long) v);
            default -> out.setObject(col, row, BigDecimal.valueOf(v));
        }
    }

    static void writeObject(Batch out, int col, int row, Object v) {
        switch (out.storage(col)) {
            case OBJECT, SCALED_DECIMAL -> out.setObject(col, row, v);
            case LONG -> out.setLong(col, row, ((Number) v).longValue());
            case DOUBLE -> out.setDouble(col, row, ((Number) v).doubleValue());
        }
    }
}
