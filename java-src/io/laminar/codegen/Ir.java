package io.laminar.codegen;

import java.lang.reflect.Method;
import org.apache.calcite.sql.SqlKind;

/**
 * The lowered form of a program's expressions, shared by {@link JavaGenerator} and {@link Interpreter}: every
 * semantic decision (which function, which coercion, which null rule) is taken once, in {@link Lowering}, so the
 * two back ends cannot drift apart. Nodes are immutable.
 */
sealed interface Ir {
    Kind kind();

    /**
     * Column {@code column} of the input batch. For a scaled-decimal column the kind is LONG: the unscaled slot
     * ({@link ScaledDecimal#OVERFLOW} when the value spilled; see {@link Spill}).
     */
    record Input(int column, Kind kind) implements Ir {}

    /** The spilled {@link java.math.BigDecimal} of a scaled-decimal input column (meaningful where its slot overflowed). */
    record Spill(int column) implements Ir { public Kind kind() { return Kind.DECIMAL; } }

    /** A constant; {@code value} is null for SQL NULL, otherwise the boxed form of {@code kind}. */
    record Const(Kind kind, Object value) implements Ir {}

    /** A common subexpression of the program (evaluated at most once per row). */
    record Local(int index, Kind kind) implements Ir {}

    /**
     * A strict function: NULL when any argument is NULL, else {@code target(args..., consts...)}. The compiled form
     * is {@code template} ({@code $0}, {@code $1}, ... numbering the arguments then the constants) when set, a call
     * of {@code target} otherwise; both mean the same.
     */
    record Call(Kind kind, Method target, String template, Ir[] args, Object[] consts) implements Ir {}

    /**
     * A call whose result may be NULL even when no argument is (REGEXP_EXTRACT without a match): NULL when an
     * argument is NULL or the function returns Java null. Only for object kinds (STRING, DECIMAL, BYTES).
     */
    record NullableResult(Call call) implements Ir { public Kind kind() { return call.kind(); } }

    record And(Ir[] args) implements Ir { public Kind kind() { return Kind.BOOL; } }

    record Or(Ir[] args) implements Ir { public Kind kind() { return Kind.BOOL; } }

    /** IS NULL ({@code negated} false) or IS NOT NULL. */
    record IsNull(Ir arg, boolean negated) implements Ir { public Kind kind() { return Kind.BOOL; } }

    /** IS TRUE / IS FALSE ({@code expect}), or their negations; never NULL. */
    record Truth(Ir arg, boolean expect, boolean negated) implements Ir { public Kind kind() { return Kind.BOOL; } }

    /** Both operands have the same kind; {@code op} is one of = &lt;&gt; &lt; &lt;= &gt; &gt;=. */
    record Compare(SqlKind op, Ir left, Ir right) implements Ir { public Kind kind() { return Kind.BOOL; } }

    /** IS DISTINCT FROM ({@code negated} false) or IS NOT DISTINCT FROM. */
    record Distinct(Ir left, Ir right, boolean negated) implements Ir { public Kind kind() { return Kind.BOOL; } }

    /** CASE WHEN conds[0] THEN values[0] ... ELSE otherwise END; only the chosen branch is evaluated. */
    record Case(Kind kind, Ir[] conds, Ir[] values, Ir otherwise) implements Ir {}

    /** The first non-NULL argument, evaluated left to right. */
    record Coalesce(Kind kind, Ir[] args) implements Ir {}
}
