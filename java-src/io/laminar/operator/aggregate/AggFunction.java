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

    /** Folds row {@code row} of {@code in} into {@code s}. */
    abstract void add(AggState s, Batch in, int row);

    /** Folds another group's state into {@code into} (session windows merging). */
    abstract void merge(AggState into, AggState from);

    /** Writes the current result into column {@code col} of row {@code row} of {@code out}. */
    abstract void result(AggState s, Batch out, int col, int row);

    final boolean argIsNull(Batch in, int row) {
        return arg >= 0 && in.nulls[arg][row];
    }
}
