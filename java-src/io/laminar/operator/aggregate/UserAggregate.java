package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.function.AggregateFunction;
import io.laminar.function.Calls;

/**
 * A user aggregate ({@link io.laminar.function}): the accumulator is one object slot, folded with the user's
 * {@code step}; NULL arguments are skipped. Values cross into user code boxed, as for COUNT(DISTINCT).
 */
final class UserAggregate extends AggFunction {
    private final AggregateFunction f;
    private final ColumnType argType;

    UserAggregate(int arg, AggregateFunction f, ColumnType argType) {
        super(arg);
        this.f = f;
        this.argType = argType;
    }

    @Override int objectSlots() { return 1; }

    @Override void init(AggState s) { s.o[objectSlot] = f.init().invoke(); }

    @Override void add(AggState s, Batch in, int row) {
        if (arg < 0 || argIsNull(in, row)) return;
        s.o[objectSlot] = f.step().invoke(s.o[objectSlot], Calls.toUser(f.param(), userValue(in, row)));
    }

    /** Batch values are Java values already (Instant for timestamps), except that kernels hold integers as long. */
    private Object userValue(Batch in, int row) {
        Object v = in.value(arg, row);
        return v instanceof Integer i && argType != ColumnType.INTEGER ? Long.valueOf(i) : v;
    }

    @Override void merge(AggState into, AggState from) {
        into.o[objectSlot] = f.merge().invoke(into.o[objectSlot], from.o[objectSlot]);
    }

    @Override void result(AggState s, Batch out, int col, int row) {
        Object r = f.finish().invoke(s.o[objectSlot]);
        if (r == null) out.setNull(col, row);
        else out.setValue(col, row, Calls.toKernel(f.name(), f.result(), r));
    }
}
