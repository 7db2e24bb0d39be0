package io.laminar.operator.aggregate;

import io.laminar.data.Batch;

/**
 * One aggregate call (COUNT, SUM, MIN, ...) over one argument column. Slots are assigned by {@link Aggregators};
 * implementations read the argument straight from the batch arrays and never box.
 */
abstract class AggFunction {
    /** Argument column in the input batch (-1 for COUNT(*)). */
    final int arg;
    int longSlot = -1;
    int doubleSlot = -1;
    int objectSlot = -1;

    AggFunction(int arg) {
        this.arg = arg;
    }

    int longSlots() { return 0; }
    int doubleSlots() { return 0; }
    int objectSlots() { return 0; }

    void init(AggState s) {}

    /**
     * True when this function's long slots are derived from its object slots: checkpoints leave them out and
     * {@link #readObjects} restores them (a count kept beside the structure it counts).
     */
    boolean derivedLongSlots() { return false; }

    /** Folds row {@code row} of {@code in} into {@code s}. */
    abstract void add(AggState s, Batch in, int row);

    /**
     * Takes row {@code row} of {@code in} back out of {@code s} (the row is a -U or -D of an updating input). Only
     * called on functions built for retraction ({@link #retracts()} true).
     */
    void retract(AggState s, Batch in, int row) {
        throw new IllegalStateException(getClass().getSimpleName() + " cannot retract");
    }

    /** True when {@link #retract} is implemented: the function can aggregate an updating (changelog) input. */
    boolean retracts() { return false; }

    /**
     * Reads the part of {@code s} that folding row {@code row} in will read from a structure of its own (a distinct
     * set's slot) and returns a number made of it; changes nothing. See {@link Aggregators#warmValues}.
     */
    long warm(AggState s, Batch in, int row) { return 0; }

    /** Folds another group's state into {@code into} (session windows merging). */
    abstract void merge(AggState into, AggState from);

    /**
     * True when merging partial states in any grouping and order gives exactly the result of folding the same rows
     * one by one in arrival order (counts, integer and decimal sums, integer MIN/MAX, distinct counts): what lets a
     * HOP window be assembled from its panes. False for order-dependent results (FIRST_VALUE, a double's rounding,
     * a decimal MIN whose equal values differ in scale) and for user aggregates, whose merge is theirs to define.
     */
    boolean mergesInAnyOrder() { return false; }

    /** Writes the current result into column {@code col} of row {@code row} of {@code out}. */
    abstract void result(AggState s, Batch out, int col, int row);

    /**
     * Writes this function's object slots of {@code s} (checkpoints, RocksDB values). The default writes each slot
     * as a tagged value; functions whose slots hold their own structures (multisets) override both methods.
     */
    void writeObjects(java.io.DataOutput out, AggState s) throws java.io.IOException {
        for (int i = 0; i < objectSlots(); i++) io.laminar.state.ValueCodec.writeValue(out, s.o[objectSlot + i]);
    }

    /** Reads what {@link #writeObjects} wrote into the object slots of {@code s}. */
    void readObjects(java.io.DataInput in, AggState s) throws java.io.IOException {
        for (int i = 0; i < objectSlots(); i++) s.o[objectSlot + i] = io.laminar.state.ValueCodec.readValue(in);
    }

    /** A numeric argument as the long a primitive distinct map keys it by (a DOUBLE by its bits). */
    final long distinctKey(Batch in, int row, boolean doubles) {
        return doubles ? Double.doubleToLongBits(in.doubles[arg][row]) : in.longs[arg][row];
    }

    /** The argument as a boxed storage value (Long, Double or the object): for set- and map-based state only. */
    final Object boxedArg(Batch in, int row) {
        return in.objects[arg] != null ? in.getObject(arg, row) // objects, and DECIMALs stored as scaled longs
                : in.longs[arg] != null ? (Object) in.longs[arg][row] : (Object) in.doubles[arg][row];
    }

    final boolean argIsNull(Batch in, int row) {
        return arg >= 0 && in.nulls[arg][row];
    }
}
