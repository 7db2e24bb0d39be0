package io.laminar.operator.aggregate;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Schema;
import java.util.List;

/**
 * The aggregate calls of one GROUP BY: creates and folds {@link AggState}s and writes results. Built once per
 * operator from {@link AggCallSpec}s; slots of all calls are packed into one state object per group.
 */
public final class Aggregators {
    /** One aggregate call as the planner describes it: function, argument column (-1: none), FILTER column (-1). */
    public record AggCallSpec(String function, boolean distinct, int argColumn, int filterColumn, String name) {}

    private final boolean retracting;
    private final AggFunction[] functions;
    private final int[] filters;
    /**
     * The calls {@link #accumulate} folds a row into, with their FILTER columns: every call except the members of
     * a shared COUNT(DISTINCT) map, whose owner folds for them and evaluates their filters itself.
     */
    private final AggFunction[] adders;
    private final int[] adderFilters;
    /**
     * The distinct FILTER columns of the calls, each evaluated once per row, without a branch, into a bitmask
     * ({@link #passedFilters}) that adders and shared distinct maps shift their bit out of: q15/q16 filter twelve
     * calls by three columns whose values a branch predictor cannot guess (price ranks). Bit {@link #NO_FILTER} is
     * always set, the bit of calls without a FILTER. Null when there are more columns than that mask holds (then
     * each call reads its column itself).
     */
    private final int[] filterColumns;
    /** The bit every row passes: a call without FILTER tests it. */
    static final int NO_FILTER = 63;
    /** Per adder, the bit of its FILTER column in that mask ({@link #NO_FILTER} for none); -1: read the column. */
    private final int[] adderFilterBits;
    /** {@link #kindOf} each adder, and each function: which final class to call directly. */
    private final byte[] adderKinds;
    private final byte[] kinds;
    /** Long slots checkpoints leave out because their function recomputes them ({@link AggFunction#derivedLongSlots}). */
    private final boolean[] derivedLongs;

    // One call site calling every function class is megamorphic: a virtual call the JIT cannot inline, per call and
    // per row. The common final classes are called through a cast instead, each site seeing one class.
    private static final byte OTHER = 0, COUNT = 1, DISTINCT_COUNTS = 2, SUM_LONG = 3, MIN_MAX_LONG = 4, COUNT_STAR = 5;

    /** Whether a call of kind {@code k} writes its result as its long slot, never NULL. */
    private static boolean isCount(byte k) {
        return k == COUNT || k == COUNT_STAR || k == DISTINCT_COUNTS;
    }

    private static byte kindOf(AggFunction f) {
        return switch (f) {
            case AggFunctions.Count c -> c.arg < 0 ? COUNT_STAR : COUNT;
            case AggFunctions.DistinctCounts d -> DISTINCT_COUNTS;
            case AggFunctions.SumLong l -> SUM_LONG;
            case AggFunctions.MinMaxLong m -> MIN_MAX_LONG;
            default -> OTHER;
        };
    }
    private final int longs;
    private final int doubles;
    private final int objects;
    /**
     * The calls whose result is one long slot, never NULL (counts, distinct counts): {@link #writeResults} copies
     * them in one tight loop — their long slot and their output column offset — and dispatches on the others
     * ({@link #otherResults}, indexes into {@link #functions}) only. q16 writes twelve counts per row, twice.
     */
    private final int[] countSlots, countColumns, otherResults;
    /** The calls {@link #warmValues} reads ahead for: those keeping a structure of their own (shared distinct sets). */
    private final AggFunctions.DistinctCounts[] warmers;

    /** Calls over an append-only input. */
    public Aggregators(List<AggCallSpec> calls, Schema input) {
        this(calls, input, false);
    }

    /**
     * @param retracting the input is a changelog: every call must be able to take a -U/-D row back out, and long
     *                   slot 0 of each state counts the group's rows so the group can be deleted when it empties
     */
    public Aggregators(List<AggCallSpec> calls, Schema input, boolean retracting) {
        this.retracting = retracting;
        functions = new AggFunction[calls.size()];
        filters = new int[calls.size()];
        int l = retracting ? 1 : 0, d = 0, o = 0;
        for (int i = 0; i < functions.length; i++) {
            AggCallSpec c = calls.get(i);
            AggFunction f = create(c, input, retracting);
            if (retracting && !f.retracts()) throw new IllegalStateException(c + " built without retraction");
            f.longSlot = l;
            f.doubleSlot = d;
            f.objectSlot = o;
            l += f.longSlots();
            d += f.doubleSlots();
            o += f.objectSlots();
            functions[i] = f;
            filters[i] = c.filterColumn();
        }
        longs = l;
        doubles = d;
        objects = o;
        shareDistinctMaps(calls);
        derivedLongs = new boolean[longs];
        for (AggFunction f : functions) {
            if (f.derivedLongSlots()) java.util.Arrays.fill(derivedLongs, f.longSlot, f.longSlot + f.longSlots(), true);
        }
        int n = 0;
        for (AggFunction f : functions) if (!isSharingMember(f)) n++;
        adders = new AggFunction[n];
        adderFilters = new int[n];
        adderKinds = new byte[n];
        kinds = new byte[functions.length];
        for (int i = 0; i < functions.length; i++) kinds[i] = kindOf(functions[i]);
        for (int i = 0, a = 0; i < functions.length; i++) {
            if (isSharingMember(functions[i])) continue;
            adderKinds[a] = kinds[i];
            adders[a] = functions[i];
            // a shared map's owner applies each member's FILTER (its own included) itself
            adderFilters[a++] = functions[i] instanceof AggFunctions.DistinctCounts ? -1 : filters[i];
        }
        int counts = 0;
        for (byte k : kinds) if (isCount(k)) counts++;
        countSlots = new int[counts];
        countColumns = new int[counts];
        otherResults = new int[functions.length - counts];
        for (int i = 0, c = 0, x = 0; i < functions.length; i++) {
            if (isCount(kinds[i])) {
                countSlots[c] = functions[i].longSlot;
                countColumns[c++] = i;
            } else {
                otherResults[x++] = i;
            }
        }
        warmers = java.util.Arrays.stream(adders).filter(f -> f instanceof AggFunctions.DistinctCounts)
                .toArray(AggFunctions.DistinctCounts[]::new);
        int[] distinctFilters = java.util.Arrays.stream(filters).filter(f -> f >= 0).distinct().toArray();
        filterColumns = distinctFilters.length > NO_FILTER ? null : distinctFilters;
        adderFilterBits = new int[n];
        for (int a = 0; a < n; a++) adderFilterBits[a] = filterColumns == null && adderFilters[a] >= 0 ? -1 : filterBit(adderFilters[a]);
        if (filterColumns != null) {
            for (AggFunction f : adders) {
                if (f instanceof AggFunctions.DistinctCounts owner) owner.useFilterBits(this::filterBit);
            }
        }
    }

    /** Groups the COUNT(DISTINCT) calls over the same numeric column so that they share one map per group. */
    private void shareDistinctMaps(List<AggCallSpec> calls) {
        for (int i = 0; i < functions.length; i++) {
            if (!(functions[i] instanceof AggFunctions.DistinctCounts f)) continue;
            AggFunctions.DistinctCounts group = null;
            for (int j = 0; j < i && group == null; j++) {
                if (functions[j] instanceof AggFunctions.DistinctCounts g && f.canJoin(g)) group = g;
            }
            if (group == null) f.own(calls.get(i).filterColumn());
            else f.join(group, calls.get(i).filterColumn());
        }
    }

    private static boolean isSharingMember(AggFunction f) {
        return f instanceof AggFunctions.DistinctCounts d && !d.isOwner();
    }

    private static AggFunction create(AggCallSpec c, Schema input, boolean retracting) {
        ColumnType t = c.argColumn() >= 0 ? input.field(c.argColumn()).type() : null;
        String fn = c.function();
        if (c.distinct() && !fn.equals("COUNT") && !fn.equals("MIN") && !fn.equals("MAX")) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, fn + "(DISTINCT ...) is not supported yet; "
                    + "COUNT(DISTINCT ...) is");
        }
        AggFunction f = retracting ? createRetracting(c, fn, t) : null;
        if (f != null) return f;
        return switch (fn) {
            case "COUNT" -> !c.distinct() ? new AggFunctions.Count(c.argColumn())
                    : t.storage == ColumnType.Storage.OBJECT ? new AggFunctions.CountDistinct(c.argColumn())
                    : new AggFunctions.DistinctCounts(c.argColumn(), t.storage == ColumnType.Storage.DOUBLE);
            case "SUM", "$SUM0" -> {
                boolean zero = fn.equals("$SUM0");
                yield switch (t.storage) {
                    case LONG -> new AggFunctions.SumLong(c.argColumn(), zero);
                    case DOUBLE -> new AggFunctions.SumDouble(c.argColumn(), zero);
                    case OBJECT, SCALED_DECIMAL -> new AggFunctions.SumDecimal(c.argColumn(), zero);
                };
            }
            case "MIN", "MAX" -> {
                boolean max = fn.equals("MAX");
                yield switch (t.storage) {
                    case LONG -> new AggFunctions.MinMaxLong(c.argColumn(), max);
                    case DOUBLE -> new AggFunctions.MinMaxDouble(c.argColumn(), max);
                    case OBJECT, SCALED_DECIMAL -> new AggFunctions.MinMaxObject(c.argColumn(), max);
                };
            }
            case "FIRST_VALUE", "LAST_VALUE" ->
                    new RetractingAggFunctions.FirstLast(c.argColumn(), fn.equals("LAST_VALUE"), t.storage);
            default -> {
                io.laminar.function.AggregateFunction user = io.laminar.function.FunctionRegistry.aggregate(fn);
                if (user != null) {
                    if (retracting) {
                        throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "user aggregate " + fn + " cannot "
                                + "take a row back out, which aggregating an updating stream (+I/-U/+U/-D) or a "
                                + "bounded OVER frame needs; aggregate an append-only stream, or use an OVER frame "
                                + "from UNBOUNDED PRECEDING");
                    }
                    yield new UserAggregate(c.argColumn(), user, t);
                }
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "aggregate function " + fn
                    + " is not supported yet; supported: COUNT, COUNT(DISTINCT), SUM, MIN, MAX, AVG, FIRST_VALUE, "
                    + "LAST_VALUE, and registered user aggregates (io.laminar.function)");
            }
        };
    }

    /** The retraction-capable variant of a call, or null when the append-only one already retracts (COUNT, SUM). */
    private static AggFunction createRetracting(AggCallSpec c, String fn, ColumnType t) {
        int arg = c.argColumn();
        return switch (fn) {
            case "COUNT" -> !c.distinct() ? null
                    : t.storage == ColumnType.Storage.OBJECT ? new RetractingAggFunctions.CountDistinct(arg)
                    : new RetractingAggFunctions.CountDistinctNumbers(arg, t.storage == ColumnType.Storage.DOUBLE);
            case "SUM", "$SUM0" -> t.storage == ColumnType.Storage.OBJECT
                    ? new RetractingAggFunctions.SumDecimal(arg, fn.equals("$SUM0")) : null;
            case "MIN", "MAX" -> t.storage == ColumnType.Storage.OBJECT
                    ? new RetractingAggFunctions.MinMaxObject(arg, fn.equals("MAX"))
                    : new RetractingAggFunctions.MinMaxPrimitive(arg, fn.equals("MAX"), t.storage == ColumnType.Storage.DOUBLE);
            case "FIRST_VALUE", "LAST_VALUE" -> new RetractingAggFunctions.FirstLastRetract(arg, fn.equals("LAST_VALUE"));
            default -> null;
        };
    }

    public int size() { return functions.length; }

    /**
     * True when a call counts every row (COUNT(*) without FILTER): each accumulated row changes the result, so an
     * EMIT CHANGES update never needs comparing with the row it replaces.
     */
    public boolean countsEveryRow() {
        for (int i = 0; i < functions.length; i++) {
            if (functions[i] instanceof AggFunctions.Count c && c.arg < 0 && filters[i] < 0) return true;
        }
        return false;
    }

    public AggState newState() {
        return initialized(new AggState(longs, doubles, objects));
    }

    /** A fresh group of the grouping operators: {@link #newState}'s slots plus the group's emit bookkeeping. */
    public GroupState newGroupState() {
        return initialized(new GroupState(longs, doubles, objects));
    }

    /** Every call's starting values written into {@code s}'s (zeroed) slots. */
    private <S extends AggState> S initialized(S s) {
        for (AggFunction f : functions) f.init(s);
        return s;
    }

    /** The bit of FILTER column {@code column} in {@link #passedFilters}' mask; {@link #NO_FILTER} for none (-1). */
    private int filterBit(int column) {
        if (column < 0) return NO_FILTER;
        for (int i = 0; i < filterColumns.length; i++) if (filterColumns[i] == column) return i;
        throw new IllegalStateException("FILTER column " + column + " is not one of " + java.util.Arrays.toString(filterColumns));
    }

    /**
     * The FILTER columns row {@code row} passes (TRUE: not NULL, not FALSE), one bit per {@link #filterColumns},
     * and {@link #NO_FILTER}.
     */
    private long passedFilters(Batch in, int row) {
        final int[] fc = filterColumns;
        long passed = 1L << NO_FILTER;
        for (int i = 0; i < fc.length; i++) {
            int f = fc[i];
            long on = in.longs[f][row] != 0 & !in.nulls[f][row] ? 1 : 0;
            passed |= on << i;
        }
        return passed;
    }

    /**
     * Reads what folding row {@code row} into {@code s} will read — each distinct set's slot for the row's value,
     * after {@link #warmState} read the state's arrays and the sets — and returns a number made of it (the caller must use it, or the JIT drops the
     * reads). Changes nothing. An operator with a batch of rows for groups that are not in cache warms a run of
     * rows first: this loop is short, so the misses of many rows overlap, where {@link #accumulate} meets them one
     * after another (q16: about ten thousand groups, each with two distinct sets).
     */
    public long warmValues(AggState s, Batch in, int row) {
        long touched = 0;
        for (AggFunctions.DistinctCounts f : warmers) touched += f.warm(s, in, row);
        return touched;
    }

    /**
     * The first step of {@link #warmValues}, in a loop of its own so that its misses overlap too: reads the state's
     * slot arrays and the structures its calls keep (a distinct set's fields), not yet what they point to.
     */
    public long warmState(AggState s) {
        long touched = s.l.length + s.o.length;
        for (AggFunctions.DistinctCounts f : warmers) touched += f.warmState(s);
        return touched;
    }

    /** Folds one input row into a group's state, honouring each call's FILTER (WHERE ...). */
    public void accumulate(AggState s, Batch in, int row) {
        final AggFunction[] fs = adders;
        final int[] bits = adderFilterBits;
        final int[] fl = adderFilters;
        final byte[] ks = adderKinds;
        if (retracting) s.l[0]++;
        final long passed = filterColumns == null ? 1L << NO_FILTER : passedFilters(in, row);
        for (int i = 0; i < fs.length; i++) {
            int bit = bits[i];
            AggFunction fn = fs[i];
            if (bit >= 0) {
                long pass = passed >>> bit & 1;
                if (ks[i] == COUNT_STAR) {
                    s.l[fn.longSlot] += pass; // counted without a branch on the FILTER's value
                    continue;
                }
                if (pass == 0) continue;
            } else {
                int f = fl[i]; // no mask (see filterColumns): the call reads its FILTER column itself
                if (in.nulls[f][row] || in.longs[f][row] == 0) continue;
            }
            switch (ks[i]) {
                case COUNT, COUNT_STAR -> ((AggFunctions.Count) fn).add(s, in, row);
                case DISTINCT_COUNTS -> ((AggFunctions.DistinctCounts) fn).add(s, in, row, passed);
                case SUM_LONG -> ((AggFunctions.SumLong) fn).add(s, in, row);
                case MIN_MAX_LONG -> ((AggFunctions.MinMaxLong) fn).add(s, in, row);
                default -> fn.add(s, in, row);
            }
        }
    }

    /**
     * Takes one retracted input row (-U/-D) back out of a group's state, honouring each call's FILTER; only for
     * retracting aggregators.
     */
    public void retract(AggState s, Batch in, int row) {
        final AggFunction[] fs = functions;
        final int[] fl = filters;
        s.l[0]--;
        for (int i = 0; i < fs.length; i++) {
            int f = fl[i];
            if (f >= 0 && (in.nulls[f][row] || in.longs[f][row] == 0)) continue;
            fs[i].retract(s, in, row);
        }
    }

    /** True when built for an updating input (see {@link #retract}). */
    public boolean retracting() { return retracting; }

    /** Rows accumulated minus rows retracted (retracting aggregators only): at 0 the group is deleted. */
    public long rowCount(AggState s) { return s.l[0]; }

    /**
     * Writes a state's slots: longs (but derived ones), doubles, then each call's objects (tagged values, or a
     * structure of the function's own such as a multiset). Counts are implied by this call list.
     */
    public void writeState(java.io.DataOutput out, AggState s) throws java.io.IOException {
        for (int i = 0; i < longs; i++) {
            if (!derivedLongs[i]) out.writeLong(s.l[i]);
        }
        for (double v : s.d) out.writeDouble(v);
        for (AggFunction f : functions) f.writeObjects(out, s);
    }

    /** Reads a state written by {@link #writeState} for the same call list. */
    public AggState readState(java.io.DataInput in) throws java.io.IOException {
        return readState(in, new AggState(longs, doubles, objects));
    }

    /** Reads a state written by {@link #writeState} into the fresh slots of {@code s}; returns {@code s}. */
    private <S extends AggState> S readState(java.io.DataInput in, S s) throws java.io.IOException {
        for (int i = 0; i < longs; i++) {
            if (!derivedLongs[i]) s.l[i] = in.readLong();
        }
        for (int i = 0; i < doubles; i++) s.d[i] = in.readDouble();
        for (AggFunction f : functions) f.readObjects(in, s);
        return s;
    }

    /** The serde of a group's state (accumulators, last emitted row, dirty flag) for these calls. */
    public io.laminar.state.StateSerde<GroupState> groupStateSerde() {
        return new io.laminar.state.StateSerde<>() {
            @Override public void write(java.io.DataOutput out, GroupState g) throws java.io.IOException {
                writeState(out, g);
                io.laminar.state.ValueCodec.writeValue(out, g.emitted);
                out.writeBoolean(g.dirty);
            }

            @Override public GroupState read(java.io.DataInput in) throws java.io.IOException {
                GroupState g = readState(in, new GroupState(longs, doubles, objects));
                g.emitted = (Object[]) io.laminar.state.ValueCodec.readValue(in);
                g.dirty = in.readBoolean();
                return g;
            }
        };
    }

    /**
     * True when every call {@link AggFunction#mergesInAnyOrder merges in any order} and the input is append-only:
     * partial states of disjoint slices of a window's rows can be merged into exactly the window's result.
     */
    public boolean mergesInAnyOrder() {
        if (retracting) return false;
        for (AggFunction f : functions) if (!f.mergesInAnyOrder()) return false;
        return true;
    }

    /** Returns {@code s} to the state {@link #newState} makes, for reuse (a pooled scratch state). */
    public void resetState(AggState s) {
        java.util.Arrays.fill(s.l, 0);
        java.util.Arrays.fill(s.d, 0);
        java.util.Arrays.fill(s.o, null);
        initialized(s);
    }

    /** Merges {@code from} into {@code into} (session windows that grow together). */
    public void merge(AggState into, AggState from) {
        for (AggFunction f : functions) f.merge(into, from);
    }

    /** Writes every call's result into {@code out} starting at column {@code firstCol}. */
    public void writeResults(AggState s, Batch out, int firstCol, int row) {
        final long[] l = s.l;
        final int[] slots = countSlots, cols = countColumns;
        for (int i = 0; i < slots.length; i++) out.setLong(firstCol + cols[i], row, l[slots[i]]);
        final AggFunction[] fs = functions;
        final byte[] ks = kinds;
        for (int i : otherResults) {
            AggFunction fn = fs[i];
            int col = firstCol + i;
            switch (ks[i]) {
                case SUM_LONG -> ((AggFunctions.SumLong) fn).result(s, out, col, row);
                case MIN_MAX_LONG -> ((AggFunctions.MinMaxLong) fn).result(s, out, col, row);
                default -> fn.result(s, out, col, row);
            }
        }
    }
}
