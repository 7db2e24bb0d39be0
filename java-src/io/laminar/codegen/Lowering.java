package io.laminar.codegen;

import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

/**
 * Lowers a {@link RexProgram} to {@link Ir}: resolves every operator to a {@link Functions} method (or a special
 * form), inserts the numeric widenings Calcite leaves implicit, expands SEARCH/Sarg, and folds calls whose
 * arguments are all constants. Throws {@link Unsupported} naming the first construct it cannot express.
 */
final class Lowering {
    /**
     * A program after lowering: {@code locals[i]} is the IR of {@code program.getExprList().get(i)} when used; locals
     * past the program's expressions are ones lowering added (the scaled-long form of a DECIMAL expression).
     * {@code scaledProjects[j]}, for an output column stored as scaled longs, is a LONG expression for its unscaled
     * value at the column's scale ({@link ScaledDecimal#OVERFLOW} when it does not fit: then {@code projects[j]}
     * gives the value); null when the column is stored otherwise or the expression has no scaled form.
     */
    record Lowered(Ir[] locals, Ir condition, Ir[] projects, Ir[] scaledProjects, Schema input, Schema output) {}

    /** An expression neither back end can evaluate. */
    static final class Unsupported extends RuntimeException {
        final String construct;
        final String detail;

        Unsupported(String construct, String detail) {
            super(construct + (detail == null ? "" : ": " + detail));
            this.construct = construct;
            this.detail = detail;
        }
    }

    private static final RexBuilder REX_BUILDER = new RexBuilder(new JavaTypeFactoryImpl());

    private final RexProgram program;
    private final Schema input;
    private final List<RexNode> exprs;
    private Ir[] locals;
    /** DECIMAL expressions that also have a scaled-long form (see {@link #scaledDecimal}), by identity. */
    private final java.util.Map<Ir, Scaled> scaled = new java.util.IdentityHashMap<>();

    /** A DECIMAL value as {@code unscaled × 10^-scale}; {@code unscaled} is a LONG local or constant. */
    private record Scaled(Ir unscaled, int scale) {}

    private Lowering(RexProgram program, Schema input) {
        this.program = program;
        this.input = input;
        this.exprs = program.getExprList();
        this.locals = new Ir[exprs.size()];
    }

    static Lowered lower(RexProgram program, Schema input, Schema output) {
        if (program.getInputRowType().getFieldCount() != input.size()) {
            throw new IllegalArgumentException("program reads " + program.getInputRowType().getFieldCount()
                    + " columns but the input schema " + input + " has " + input.size());
        }
        if (program.getProjectList().size() != output.size()) {
            throw new IllegalArgumentException("program writes " + program.getProjectList().size()
                    + " columns but the output schema " + output + " has " + output.size());
        }
        Lowering l = new Lowering(program, input);
        Ir cond = null;
        if (program.getCondition() != null) {
            cond = l.lower(program.getCondition());
            if (cond.kind() != Kind.BOOL) throw new Unsupported("condition", "of type " + cond.kind());
            if (cond instanceof Ir.Const c && Boolean.TRUE.equals(c.value())) cond = null;
        }
        Ir[] projects = new Ir[output.size()];
        Ir[] scaledProjects = new Ir[output.size()];
        for (int i = 0; i < projects.length; i++) {
            projects[i] = l.coerce(l.lower(program.getProjectList().get(i)), Kind.of(output.field(i).type()));
            if (output.field(i).storage() == ColumnType.Storage.SCALED_DECIMAL) {
                scaledProjects[i] = l.scaledAt(projects[i], output.field(i).scale());
            }
        }
        return new Lowered(l.locals, cond, projects, scaledProjects, input, output);
    }

    /**
     * The unscaled long of a DECIMAL expression at {@code scale} (HALF_UP, as storing its BigDecimal would round),
     * or null when the expression has no scaled form.
     */
    private Ir scaledAt(Ir ir, int scale) {
        Scaled s = scaledOf(ir);
        if (s == null) return null;
        return s.scale == scale ? s.unscaled : callWith(Kind.LONG, "decRescale", null, new Ir[] {s.unscaled}, s.scale, scale);
    }

    // ---------------------------------------------------------------- nodes

    Ir lower(RexNode node) {
        if (node instanceof RexLocalRef ref) {
            RexNode e = exprs.get(ref.getIndex());
            if (e instanceof RexInputRef || e instanceof RexLiteral) return lower(e);
            if (locals[ref.getIndex()] == null) {
                Ir ir = lower(e);
                if (ir instanceof Ir.Const || ir instanceof Ir.Input || ir instanceof Ir.Local) return ir;
                locals[ref.getIndex()] = ir;
            }
            Ir ir = locals[ref.getIndex()];
            return new Ir.Local(ref.getIndex(), ir.kind());
        }
        if (node instanceof RexInputRef ref) {
            Field f = input.field(ref.getIndex());
            if (f.storage() == ColumnType.Storage.SCALED_DECIMAL) return scaledInput(ref.getIndex(), f.scale());
            return new Ir.Input(ref.getIndex(), Kind.of(f.type()));
        }
        if (node instanceof RexLiteral lit) return literal(lit);
        if (node instanceof RexCall call) return lowerCall(call);
        throw new Unsupported(node.getClass().getSimpleName(), node.toString());
    }

    /**
     * A scaled-decimal input column: its unscaled slot is its scaled form, so arithmetic and comparisons on it stay on
     * longs; as a BigDecimal (only where one is needed) it is
     * {@code CASE WHEN slot <> OVERFLOW THEN decimalOf(slot, scale) ELSE spill END} — NULL when the cell is NULL, since
     * the comparison is then NULL and the spill slot too.
     */
    private Ir scaledInput(int column, int scale) {
        Ir u = new Ir.Input(column, Kind.LONG);
        Ir fits = new Ir.Compare(SqlKind.NOT_EQUALS, u, new Ir.Const(Kind.LONG, ScaledDecimal.OVERFLOW));
        Ir result = new Ir.Case(Kind.DECIMAL, new Ir[] {fits},
                new Ir[] {callWith(Kind.DECIMAL, "decimalOf", null, new Ir[] {u}, scale)}, new Ir.Spill(column));
        scaled.put(result, new Scaled(u, scale));
        return result;
    }

    /** The expression a local ref stands for (to look at literal operands). */
    private RexNode deref(RexNode node) {
        while (node instanceof RexLocalRef ref) node = exprs.get(ref.getIndex());
        return node;
    }

    private static Kind kindOf(RelDataType type, String what) {
        Kind k = Kind.of(type);
        if (k == null) throw new Unsupported("type " + type.getFullTypeString(), "in " + what);
        return k;
    }

    static Ir.Const literal(RexLiteral lit) {
        RelDataType type = lit.getType();
        if (type.getSqlTypeName() == SqlTypeName.SYMBOL || type.getSqlTypeName() == SqlTypeName.SARG) {
            throw new Unsupported("literal " + lit, "a " + type.getSqlTypeName() + " literal outside its function");
        }
        Kind kind = kindOf(type, "literal " + lit);
        if (lit.isNull()) return new Ir.Const(kind, null);
        Object v = switch (kind) {
            case BOOL -> lit.getValueAs(Boolean.class);
            case LONG -> switch (type.getSqlTypeName()) {
                case DATE -> (long) lit.getValueAs(Integer.class);
                case TIME, TIME_WITH_LOCAL_TIME_ZONE -> (long) lit.getValueAs(Integer.class);
                case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> lit.getValueAs(Long.class);
                default -> lit.getValueAs(BigDecimal.class).longValue();
            };
            case DOUBLE -> lit.getValueAs(Double.class);
            case DECIMAL -> lit.getValueAs(BigDecimal.class);
            case STRING -> lit.getValueAs(String.class);
            case BYTES -> lit.getValueAs(byte[].class);
        };
        return new Ir.Const(kind, v);
    }

    // ---------------------------------------------------------------- calls

    private Ir lowerCall(RexCall call) {
        SqlOperator op = call.getOperator();
        List<RexNode> operands = call.getOperands();
        RelDataType type = call.getType();
        switch (call.getKind()) {
            case SEARCH:
                return lower(RexUtil.expandSearch(REX_BUILDER, program, call));
            case AND:
            case OR: {
                List<Ir> args = new ArrayList<>();
                for (RexNode o : operands) args.add(bool(lower(o), op.getName()));
                Ir[] a = args.toArray(new Ir[0]);
                return call.getKind() == SqlKind.AND ? new Ir.And(a) : new Ir.Or(a);
            }
            case NOT:
                return call(Kind.BOOL, "not", "(!$0)", bool(lower(operands.get(0)), "NOT"));
            case IS_NULL:
            case IS_NOT_NULL: {
                Ir arg = lower(operands.get(0));
                Scaled s = arg.kind() == Kind.DECIMAL ? scaledOf(arg) : null;
                // a scaled form is NULL exactly when the BigDecimal is, and testing it makes no BigDecimal
                return new Ir.IsNull(s != null ? s.unscaled : arg, call.getKind() == SqlKind.IS_NOT_NULL);
            }
            case IS_TRUE: return new Ir.Truth(bool(lower(operands.get(0)), "IS TRUE"), true, false);
            case IS_NOT_TRUE: return new Ir.Truth(bool(lower(operands.get(0)), "IS NOT TRUE"), true, true);
            case IS_FALSE: return new Ir.Truth(bool(lower(operands.get(0)), "IS FALSE"), false, false);
            case IS_NOT_FALSE: return new Ir.Truth(bool(lower(operands.get(0)), "IS NOT FALSE"), false, true);
            case IS_DISTINCT_FROM:
            case IS_NOT_DISTINCT_FROM: {
                Ir[] ab = common(lower(operands.get(0)), lower(operands.get(1)), op.getName());
                return new Ir.Distinct(ab[0], ab[1], call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM);
            }
            case EQUALS: case NOT_EQUALS: case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL: {
                Ir folded = caseFoldedEquals(call);
                if (folded != null) return folded;
                Ir[] ab = common(lower(operands.get(0)), lower(operands.get(1)), op.getName());
                return compare(call.getKind(), ab[0], ab[1]);
            }
            case CASE: {
                Kind k = kindOf(type, "CASE");
                int n = (operands.size() - 1) / 2;
                Ir[] conds = new Ir[n], values = new Ir[n];
                for (int i = 0; i < n; i++) {
                    conds[i] = bool(lower(operands.get(2 * i)), "CASE WHEN");
                    values[i] = coerce(lower(operands.get(2 * i + 1)), k);
                }
                return new Ir.Case(k, conds, values, coerce(lower(operands.get(operands.size() - 1)), k));
            }
            case COALESCE: {
                Kind k = kindOf(type, "COALESCE");
                Ir[] args = new Ir[operands.size()];
                for (int i = 0; i < args.length; i++) args[i] = coerce(lower(operands.get(i)), k);
                return new Ir.Coalesce(k, args);
            }
            case NULLIF: {
                Ir a = lower(operands.get(0));
                Ir[] ab = common(a, lower(operands.get(1)), "NULLIF");
                Kind k = kindOf(type, "NULLIF");
                return new Ir.Case(k, new Ir[] {new Ir.Compare(SqlKind.EQUALS, ab[0], ab[1])},
                        new Ir[] {new Ir.Const(k, null)}, coerce(a, k));
            }
            case CAST:
                return cast(lower(operands.get(0)), operands.get(0).getType(), type);
            case REINTERPRET: {
                Ir a = lower(operands.get(0));
                Kind k = kindOf(type, "REINTERPRET");
                if (a.kind() != k) throw new Unsupported("REINTERPRET", "from " + a.kind() + " to " + type);
                return a;
            }
            case PLUS: case MINUS:
                if (isDatetime(operands.get(0).getType()) || isDatetime(operands.get(1).getType())) {
                    return datetimeArithmetic(call);
                }
                return arithmetic(call, call.getKind() == SqlKind.PLUS ? "plus" : "minus");
            case TIMES: return arithmetic(call, "times");
            case DIVIDE: return arithmetic(call, "divide");
            case MOD: return arithmetic(call, "mod");
            case MINUS_PREFIX: {
                Ir a = coerce(lower(operands.get(0)), kindOf(type, "-"));
                return a.kind() == Kind.DECIMAL ? call(Kind.DECIMAL, "negate", null, a)
                        : call(a.kind(), "negate", "(-$0)", a);
            }
            case PLUS_PREFIX:
                return lower(operands.get(0));
            case LIKE:
            case SIMILAR:
                return like(call);
            case EXTRACT:
                return extract(call);
            case FLOOR:
            case CEIL:
                return floorCeil(call, call.getKind() == SqlKind.FLOOR);
            case TRIM:
                return trim(call);
            case POSITION:
                return position(call);
            default:
                return function(call);
        }
    }

    private Ir function(RexCall call) {
        SqlOperator op = call.getOperator();
        String name = op.getName().toUpperCase(Locale.ROOT);
        List<RexNode> o = call.getOperands();
        RelDataType type = call.getType();
        switch (name) {
            case "UPPER": return call(Kind.STRING, "upper", null, str(o.get(0)));
            case "LOWER": return call(Kind.STRING, "lower", null, str(o.get(0)));
            case "INITCAP": return call(Kind.STRING, "initcap", null, str(o.get(0)));
            case "CHAR_LENGTH": case "CHARACTER_LENGTH": case "LENGTH":
                if (deref(o.get(0)) instanceof RexCall r && r.getOperator().getName().equalsIgnoreCase("REPLACE")
                        && deref(r.getOperands().get(2)) instanceof org.apache.calcite.rex.RexLiteral lit
                        && "".equals(lit.getValueAs(String.class))) { // counting a substring: no replaced copy
                    return call(Kind.LONG, "charLengthWithout", null, str(r.getOperands().get(0)), str(r.getOperands().get(1)));
                }
                return call(Kind.LONG, "charLength", null, str(o.get(0)));
            case "||": return call(Kind.STRING, "concat", null, str(o.get(0)), str(o.get(1)));
            case "CONCAT": {
                boolean nullAsEmpty = op == SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL;
                Ir acc = null;
                for (RexNode arg : o) {
                    Ir s = str(arg);
                    if (nullAsEmpty) s = new Ir.Coalesce(Kind.STRING, new Ir[] {s, new Ir.Const(Kind.STRING, "")});
                    acc = acc == null ? s : call(Kind.STRING, "concat", null, acc, s);
                }
                return acc;
            }
            case "SUBSTRING": case "SUBSTR":
                return o.size() == 2 ? call(Kind.STRING, "substring", null, str(o.get(0)), lng(o.get(1)))
                        : call(Kind.STRING, "substring", null, str(o.get(0)), lng(o.get(1)), lng(o.get(2)));
            case "REPLACE":
                return call(Kind.STRING, "replace", null, str(o.get(0)), str(o.get(1)), str(o.get(2)));
            case "LPAD": case "RPAD": {
                String m = name.toLowerCase(Locale.ROOT);
                return o.size() == 2 ? call(Kind.STRING, m, null, str(o.get(0)), lng(o.get(1)))
                        : call(Kind.STRING, m, null, str(o.get(0)), lng(o.get(1)), str(o.get(2)));
            }
            case "REGEXP_REPLACE": {
                if (o.size() != 3) throw new Unsupported("REGEXP_REPLACE", "with " + o.size() + " arguments (3 are supported)");
                RexNode re = deref(o.get(1));
                if (re instanceof RexLiteral lit && !lit.isNull()) {
                    Pattern p = Functions.regex(lit.getValueAs(String.class));
                    return callWith(Kind.STRING, "regexpReplace", null, new Ir[] {str(o.get(0)), str(o.get(2))}, p);
                }
                return call(Kind.STRING, "regexpReplace", null, str(o.get(0)), str(o.get(1)), str(o.get(2)));
            }
            case "REGEXP_EXTRACT": {
                Ir group = o.size() > 2 ? lng(o.get(2)) : new Ir.Const(Kind.LONG, 0L);
                RexNode re = deref(o.get(1));
                if (re instanceof RexLiteral lit && !lit.isNull()) { // compiled once, a constant of the kernel
                    LiteralRegex regex = LiteralRegex.of(Functions.regex(lit.getValueAs(String.class)));
                    return maybeNull(callWith(Kind.STRING, "regexpExtract", null, new Ir[] {str(o.get(0)), group}, regex));
                }
                return maybeNull(call(Kind.STRING, "regexpExtract", null, str(o.get(0)), str(o.get(1)), group));
            }
            case "SPLIT_INDEX":
                return maybeNull(call(Kind.STRING, "splitIndex", null, str(o.get(0)), str(o.get(1)), lng(o.get(2))));
            case "DATE_FORMAT": {
                Ir ts = lower(o.get(0));
                if (ts.kind() == Kind.STRING) ts = call(Kind.LONG, "stringToTimestamp", null, ts);
                RexNode fmt = deref(o.get(1));
                if (fmt instanceof RexLiteral lit && !lit.isNull()) {
                    Functions.DatePattern p = new Functions.DatePattern(lit.getValueAs(String.class));
                    return callWith(Kind.STRING, "dateFormat", null, new Ir[] {ts}, p);
                }
                return call(Kind.STRING, "dateFormat", null, ts, str(o.get(1)));
            }
            case "PROCTIME":
                try { // built directly: callWith would fold a call without arguments into a plan-time constant
                    return new Ir.Call(Kind.LONG, Functions.class.getMethod("proctime"), null, new Ir[0], new Object[0]);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            case "CONCAT_WS": {
                // NULL arguments are skipped: each argument becomes (separator || arg) or '', the first separator
                // is dropped; a NULL separator makes the whole result NULL
                Ir sep = str(o.get(0));
                Ir joined = new Ir.Const(Kind.STRING, "");
                for (int i = 1; i < o.size(); i++) {
                    Ir piece = new Ir.Coalesce(Kind.STRING, new Ir[] {call(Kind.STRING, "concat", null, sep, str(o.get(i))),
                            new Ir.Const(Kind.STRING, "")});
                    joined = call(Kind.STRING, "concat", null, joined, piece);
                }
                return call(Kind.STRING, "dropPrefix", null, joined, sep);
            }
            case "ABS": {
                Ir a = coerce(lower(o.get(0)), kindOf(type, "ABS"));
                return call(a.kind(), "abs", a.kind().primitive() ? "Math.abs($0)" : null, a);
            }
            case "MOD": return arithmetic(call, "mod");
            case "ROUND": case "TRUNCATE": {
                Kind k = kindOf(type, name);
                Ir a = coerce(lower(o.get(0)), k);
                Ir digits = o.size() > 1 ? lng(o.get(1)) : new Ir.Const(Kind.LONG, 0L);
                String m = name.toLowerCase(Locale.ROOT);
                if (k == Kind.DECIMAL) return callWith(k, m, null, new Ir[] {a, digits}, type.getScale());
                if (k == Kind.STRING || k == Kind.BOOL || k == Kind.BYTES) throw new Unsupported(name, "of " + type);
                return call(k, m, null, a, digits);
            }
            case "POWER": return call(Kind.DOUBLE, "power", "Math.pow($0, $1)", dbl(o.get(0)), dbl(o.get(1)));
            case "SQRT": return call(Kind.DOUBLE, "sqrt", "Math.sqrt($0)", dbl(o.get(0)));
            case "LN": return call(Kind.DOUBLE, "ln", "Math.log($0)", dbl(o.get(0)));
            case "LOG10": return call(Kind.DOUBLE, "log10", "Math.log10($0)", dbl(o.get(0)));
            case "EXP": return call(Kind.DOUBLE, "exp", "Math.exp($0)", dbl(o.get(0)));
            case "SIGN": {
                Ir a = coerce(lower(o.get(0)), kindOf(type, "SIGN"));
                return call(a.kind(), "sign", null, a);
            }
            default:
                if (op instanceof io.laminar.function.FunctionTable.ScalarOperator u) return userFunction(u.function, o);
                throw new Unsupported("function " + op.getName(), null);
        }
    }

    /**
     * A user function: a strict call of {@code io.laminar.function.Calls.invokeN(args..., slot)}. Arguments are
     * coerced to the declared parameter kinds and boxed; the template unboxes the result (see io.laminar.function).
     */
    private Ir userFunction(io.laminar.function.ScalarFunction f, List<RexNode> operands) {
        Ir[] args = new Ir[operands.size()];
        Class<?>[] params = new Class<?>[args.length + 1];
        StringBuilder call = new StringBuilder("io.laminar.function.Calls.invoke" + args.length + "(");
        for (int i = 0; i < args.length; i++) {
            Kind k = Kind.of(f.params().get(i));
            args[i] = coerce(lower(operands.get(i)), k);
            params[i] = Object.class;
            call.append(k.primitive() ? k.boxed.getSimpleName() + ".valueOf($" + i + ")" : "$" + i).append(", ");
        }
        params[args.length] = int.class;
        call.append('$').append(args.length).append(')');
        Kind result = Kind.of(f.result());
        String template = result.primitive()
                ? "((" + result.boxed.getSimpleName() + ") " + call + ")." + result.javaType + "Value()"
                : "((" + result.javaType + ") " + call + ")";
        try {
            java.lang.reflect.Method target = io.laminar.function.Calls.class.getMethod("invoke" + args.length, params);
            return new Ir.Call(result, target, template, args, new Object[] {f.slot()});
        } catch (NoSuchMethodException e) {
            throw new Unsupported("function " + f.name(), "with " + args.length + " arguments");
        }
    }

    private Ir str(RexNode n) { return coerce(lower(n), Kind.STRING); }

    /** A call that may return NULL for non-NULL arguments (constants are folded already). */
    private static Ir maybeNull(Ir ir) {
        return ir instanceof Ir.Call c ? new Ir.NullableResult(c) : ir;
    }
    private Ir lng(RexNode n) { return coerce(lower(n), Kind.LONG); }
    private Ir dbl(RexNode n) { return coerce(lower(n), Kind.DOUBLE); }

    private static Ir bool(Ir ir, String where) {
        if (ir.kind() != Kind.BOOL) throw new Unsupported(where, "on a " + ir.kind() + " operand");
        return ir;
    }

    // ---------------------------------------------------------------- arithmetic

    private Ir arithmetic(RexCall call, String name) {
        RelDataType type = call.getType();
        Ir a = lower(call.getOperands().get(0)), b = lower(call.getOperands().get(1));
        Kind k = kindOf(type, call.getOperator().getName());
        if (k == Kind.LONG && (a.kind() != Kind.LONG || b.kind() != Kind.LONG)) {
            throw new Unsupported("operator " + call.getOperator().getName(), "mixing " + a.kind() + " and " + b.kind() + " into " + type);
        }
        a = coerce(a, k);
        b = coerce(b, k);
        switch (k) {
            case LONG: {
                String t = switch (name) { case "plus" -> "($0 + $1)"; case "minus" -> "($0 - $1)"; case "times" -> "($0 * $1)"; default -> null; };
                return call(k, name, t, a, b);
            }
            case DOUBLE: {
                String t = switch (name) { case "plus" -> "($0 + $1)"; case "minus" -> "($0 - $1)"; case "times" -> "($0 * $1)";
                    case "divide" -> "($0 / $1)"; default -> "($0 % $1)"; };
                return call(k, name, t, a, b);
            }
            case DECIMAL:
                return scaledDecimal(name, a, b, type.getScale(), callWith(k, name, null, new Ir[] {a, b}, type.getScale()));
            default:
                throw new Unsupported("operator " + call.getOperator().getName(), "on " + type);
        }
    }

    // ---------------------------------------------------------------- DECIMAL on scaled longs

    /**
     * DECIMAL {@code a op b} (plus, minus, times) computed on scaled longs when both operands have a scaled form:
     * {@code CASE WHEN u <> OVERFLOW THEN decimalOf(u, scale) ELSE exact END}, where {@code u} is the scaled result
     * (a local, so it is computed once) and {@code exact} the BigDecimal form. The result remembers {@code u}, so an
     * enclosing operation or comparison keeps working on longs and no BigDecimal is made unless a value is stored
     * (EXPLAIN CODE shows the {@code Functions.dec*} calls). Anything else stays {@code exact}.
     */
    private Ir scaledDecimal(String op, Ir a, Ir b, int scale, Ir exact) {
        if (!(op.equals("plus") || op.equals("minus") || op.equals("times")) || scale < 0
                || scale > ScaledDecimal.MAX_SCALE || exact instanceof Ir.Const) {
            return exact;
        }
        Scaled sa = scaledOf(a), sb = scaledOf(b);
        if (sa == null || sb == null) return exact;
        Ir u = callWith(Kind.LONG, "dec" + Character.toUpperCase(op.charAt(0)) + op.substring(1), null,
                new Ir[] {sa.unscaled, sb.unscaled}, sa.scale, sb.scale, scale);
        if (!(u instanceof Ir.Const)) u = newLocal(u);
        Ir fits = new Ir.Compare(SqlKind.NOT_EQUALS, u, new Ir.Const(Kind.LONG, ScaledDecimal.OVERFLOW));
        Ir result = new Ir.Case(Kind.DECIMAL, new Ir[] {fits},
                new Ir[] {callWith(Kind.DECIMAL, "decimalOf", null, new Ir[] {u}, scale)}, exact);
        scaled.put(result, new Scaled(u, scale));
        return result;
    }

    /** A comparison; two DECIMALs with scaled forms compare as longs (BigDecimal only if one overflowed). */
    private Ir compare(SqlKind op, Ir a, Ir b) {
        Ir exact = new Ir.Compare(op, a, b);
        if (a.kind() != Kind.DECIMAL) return exact;
        Scaled sa = scaledOf(a), sb = scaledOf(b);
        if (sa == null || sb == null) return exact;
        Ir cmp = new Ir.Compare(op, callWith(Kind.LONG, "decCompare", null, new Ir[] {sa.unscaled, sb.unscaled},
                sa.scale, sb.scale), new Ir.Const(Kind.LONG, 0L));
        List<Ir> checks = new ArrayList<>();
        for (Ir u : new Ir[] {sa.unscaled, sb.unscaled}) {
            if (!(u instanceof Ir.Const)) checks.add(new Ir.Compare(SqlKind.NOT_EQUALS, u, new Ir.Const(Kind.LONG, ScaledDecimal.OVERFLOW)));
        }
        if (checks.isEmpty()) return cmp;
        Ir fits = checks.size() == 1 ? checks.get(0) : new Ir.And(checks.toArray(new Ir[0]));
        return new Ir.Case(Kind.BOOL, new Ir[] {fits}, new Ir[] {cmp}, exact);
    }

    /** The scaled-long form of a DECIMAL expression, or null when it has none (then only BigDecimal will do). */
    private Scaled scaledOf(Ir ir) {
        if (ir instanceof Ir.Local l) ir = locals[l.index()];
        Scaled s = scaled.get(ir);
        if (s != null) return s;
        if (ir instanceof Ir.Const c && c.value() instanceof BigDecimal d) {
            long u = ScaledDecimal.unscaledOf(d);
            return u == ScaledDecimal.OVERFLOW ? null : new Scaled(new Ir.Const(Kind.LONG, u), d.scale());
        }
        if (ir instanceof Ir.Call c && c.target().getName().equals("longToDecimal") && c.args().length == 1
                && c.args()[0].kind() == Kind.LONG && (c.consts() == null || c.consts().length == 0)) {
            // only the plain widening: CAST(x AS DECIMAL(p, s)) carries p and s and must keep its range check
            return new Scaled(c.args()[0], 0);
        }
        return null;
    }

    /** A local this lowering adds (computed at most once per row, like the program's own). */
    private Ir.Local newLocal(Ir ir) {
        int index = locals.length;
        locals = java.util.Arrays.copyOf(locals, index + 1);
        locals[index] = ir;
        return new Ir.Local(index, ir.kind());
    }

    private static boolean isDatetime(RelDataType t) {
        return SqlTypeUtil.isDatetime(t);
    }

    private static boolean isYearMonth(RelDataType t) {
        return t.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
    }

    private Ir datetimeArithmetic(RexCall call) {
        List<RexNode> o = call.getOperands();
        RelDataType t0 = o.get(0).getType(), t1 = o.get(1).getType();
        Ir a = lower(o.get(0)), b = lower(o.get(1));
        boolean minus = call.getKind() == SqlKind.MINUS;
        if (isDatetime(t0) && isDatetime(t1)) {
            if (!minus) throw new Unsupported("datetime + datetime", null);
            SqlTypeName n = t0.getSqlTypeName();
            if (isYearMonth(call.getType())) {
                if (n == SqlTypeName.DATE) return call(Kind.LONG, "dateMonthsBetween", null, a, b);
                if (n == SqlTypeName.TIME) return new Ir.Const(Kind.LONG, 0L);
                return call(Kind.LONG, "timestampMonthsBetween", null, a, b);
            }
            if (n == SqlTypeName.DATE) {
                if (t1.getSqlTypeName() != SqlTypeName.DATE) throw new Unsupported("DATE - " + t1, null);
                return call(Kind.LONG, "dateMinusDate", "(($0 - $1) * 86400000L)", a, b);
            }
            return call(Kind.LONG, "minus", "($0 - $1)", a, b);
        }
        // datetime +/- interval, or interval + datetime
        RelDataType dt = isDatetime(t0) ? t0 : t1;
        RelDataType iv = isDatetime(t0) ? t1 : t0;
        Ir d = isDatetime(t0) ? a : b;
        Ir i = isDatetime(t0) ? b : a;
        if (!SqlTypeUtil.isInterval(iv)) throw new Unsupported("datetime arithmetic", dt + " and " + iv);
        if (minus) i = call(Kind.LONG, "negate", "(-$0)", i);
        boolean months = isYearMonth(iv);
        switch (dt.getSqlTypeName()) {
            case DATE:
                return months ? call(Kind.LONG, "datePlusMonths", null, d, i) : call(Kind.LONG, "datePlusMillis", null, d, i);
            case TIME:
            case TIME_WITH_LOCAL_TIME_ZONE:
                return months ? d : call(Kind.LONG, "timePlusMillis", null, d, i);
            default:
                return months ? call(Kind.LONG, "timestampPlusMonths", null, d, i) : call(Kind.LONG, "plus", "($0 + $1)", d, i);
        }
    }

    // ---------------------------------------------------------------- casts and coercions

    /** The implicit widening Calcite leaves to the implementation (INTEGER to DOUBLE, INTEGER to DECIMAL, ...). */
    Ir coerce(Ir ir, Kind to) {
        Kind from = ir.kind();
        if (from == to) return ir;
        if (ir instanceof Ir.Const c && c.value() == null) return new Ir.Const(to, null);
        return switch (from + ">" + to) {
            case "LONG>DOUBLE" -> call(to, "longToDouble", "((double) $0)", ir);
            case "LONG>DECIMAL" -> call(to, "longToDecimal", null, ir);
            case "DECIMAL>DOUBLE" -> call(to, "decimalToDouble", "$0.doubleValue()", ir);
            case "DOUBLE>DECIMAL" -> call(to, "doubleToDecimal", null, ir);
            case "BOOL>LONG" -> call(to, "boolToLong", "($0 ? 1L : 0L)", ir);
            default -> throw new Unsupported("conversion", "from " + from + " to " + to);
        };
    }

    private static int intBits(SqlTypeName n) {
        return switch (n) { case TINYINT -> 8; case SMALLINT -> 16; case INTEGER -> 32; default -> 64; };
    }

    private static boolean isIntegral(SqlTypeName n) {
        return n == SqlTypeName.TINYINT || n == SqlTypeName.SMALLINT || n == SqlTypeName.INTEGER || n == SqlTypeName.BIGINT;
    }

    private Ir cast(Ir v, RelDataType fromType, RelDataType toType) {
        SqlTypeName from = fromType.getSqlTypeName(), to = toType.getSqlTypeName();
        Kind tk = kindOf(toType, "CAST");
        if (from == SqlTypeName.NULL || (v instanceof Ir.Const c && c.value() == null)) return new Ir.Const(tk, null);
        String what = "CAST from " + fromType.getFullTypeString() + " to " + toType.getFullTypeString();
        Kind fk = v.kind();
        switch (to) {
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT: {
                int bits = intBits(to);
                if (isIntegral(from)) return bits >= intBits(from) ? v : callWith(tk, "fitInt", null, new Ir[] {v}, bits);
                switch (fk) {
                    case DOUBLE: return callWith(tk, "doubleToLong", null, new Ir[] {v}, bits);
                    case DECIMAL: return callWith(tk, "decimalToLong", null, new Ir[] {v}, bits);
                    case STRING: return callWith(tk, "stringToLong", null, new Ir[] {v}, bits);
                    case BOOL: return call(tk, "boolToLong", "($0 ? 1L : 0L)", v);
                    default: throw new Unsupported(what, null);
                }
            }
            case FLOAT: case REAL: case DOUBLE:
                if (fk == Kind.LONG && (isIntegral(from))) return coerce(v, Kind.DOUBLE);
                switch (fk) {
                    case DOUBLE: return v;
                    case DECIMAL: return coerce(v, Kind.DOUBLE);
                    case STRING: return call(tk, "stringToDouble", null, v);
                    case BOOL: return call(tk, "boolToDouble", "($0 ? 1.0d : 0.0d)", v);
                    default: throw new Unsupported(what, null);
                }
            case DECIMAL: {
                int p = toType.getPrecision(), s = toType.getScale();
                switch (fk) {
                    case LONG:
                        if (!isIntegral(from)) throw new Unsupported(what, null);
                        return callWith(tk, "longToDecimal", null, new Ir[] {v}, p, s);
                    case DOUBLE: return callWith(tk, "doubleToDecimal", null, new Ir[] {v}, p, s);
                    case DECIMAL:
                        if (fromType.getScale() == s && fromType.getPrecision() <= p) return v;
                        return callWith(tk, "toDecimal", null, new Ir[] {v}, p, s);
                    case STRING: return callWith(tk, "stringToDecimal", null, new Ir[] {v}, p, s);
                    default: throw new Unsupported(what, null);
                }
            }
            case BOOLEAN:
                switch (fk) {
                    case BOOL: return v;
                    case STRING: return call(tk, "stringToBool", null, v);
                    case LONG:
                        if (!isIntegral(from)) throw new Unsupported(what, null);
                        return call(tk, "longToBool", "($0 != 0L)", v);
                    case DOUBLE: return call(tk, "doubleToBool", "($0 != 0.0d)", v);
                    case DECIMAL: return call(tk, "decimalToBool", null, v);
                    default: throw new Unsupported(what, null);
                }
            case CHAR: case VARCHAR: {
                Ir s = toStringValue(v, fromType, what);
                int len = toType.getPrecision();
                boolean pad = to == SqlTypeName.CHAR;
                boolean fits = fk == Kind.STRING && fromType.getPrecision() >= 0 && len >= 0
                        && fromType.getPrecision() <= len && (!pad || from == SqlTypeName.CHAR && fromType.getPrecision() == len);
                if (len < 0 || fits) return s;
                return callWith(tk, "fitString", null, new Ir[] {s}, len, pad);
            }
            case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                switch (from) {
                    case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return v;
                    case DATE: return call(tk, "dateToTimestamp", "($0 * 86400000L)", v);
                    case CHAR: case VARCHAR: return call(tk, "stringToTimestamp", null, v);
                    default: throw new Unsupported(what, null);
                }
            case DATE:
                switch (from) {
                    case DATE: return v;
                    case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return call(tk, "timestampToDate", null, v);
                    case CHAR: case VARCHAR: return call(tk, "stringToDate", null, v);
                    default: throw new Unsupported(what, null);
                }
            case TIME: case TIME_WITH_LOCAL_TIME_ZONE:
                switch (from) {
                    case TIME: case TIME_WITH_LOCAL_TIME_ZONE: return v;
                    case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return call(tk, "timestampToTime", null, v);
                    case CHAR: case VARCHAR: return call(tk, "stringToTime", null, v);
                    default: throw new Unsupported(what, null);
                }
            case BINARY: case VARBINARY:
                if (fk == Kind.BYTES) return v;
                throw new Unsupported(what, null);
            default:
                if (SqlTypeUtil.isInterval(toType) && SqlTypeUtil.isInterval(fromType)
                        && isYearMonth(toType) == isYearMonth(fromType)) {
                    return v;
                }
                throw new Unsupported(what, null);
        }
    }

    private Ir toStringValue(Ir v, RelDataType fromType, String what) {
        SqlTypeName from = fromType.getSqlTypeName();
        switch (from) {
            case CHAR: case VARCHAR: return v;
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT: return call(Kind.STRING, "longToString", "Long.toString($0)", v);
            case FLOAT: case REAL: case DOUBLE: return call(Kind.STRING, "doubleToString", "Double.toString($0)", v);
            case DECIMAL: return call(Kind.STRING, "decimalToString", "$0.toPlainString()", v);
            case BOOLEAN: return call(Kind.STRING, "boolToString", "($0 ? \"TRUE\" : \"FALSE\")", v);
            case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return callWith(Kind.STRING, "timestampToString", null, new Ir[] {v}, Math.max(fromType.getPrecision(), 0));
            case DATE: return call(Kind.STRING, "dateToString", null, v);
            case TIME: case TIME_WITH_LOCAL_TIME_ZONE:
                return callWith(Kind.STRING, "timeToString", null, new Ir[] {v}, Math.max(fromType.getPrecision(), 0));
            default: throw new Unsupported(what, null);
        }
    }

    /** Both operands widened to one kind, for comparisons. */
    private Ir[] common(Ir a, Ir b, String op) {
        Kind ka = a.kind(), kb = b.kind();
        if (ka == kb) return new Ir[] {a, b};
        if (a instanceof Ir.Const c && c.value() == null) return new Ir[] {new Ir.Const(kb, null), b};
        if (b instanceof Ir.Const c && c.value() == null) return new Ir[] {a, new Ir.Const(ka, null)};
        Kind k;
        if (numeric(ka) && numeric(kb)) k = ka == Kind.DOUBLE || kb == Kind.DOUBLE ? Kind.DOUBLE : Kind.DECIMAL;
        else throw new Unsupported("operator " + op, "comparing " + ka + " with " + kb);
        return new Ir[] {coerce(a, k), coerce(b, k)};
    }

    private static boolean numeric(Kind k) {
        return k == Kind.LONG || k == Kind.DOUBLE || k == Kind.DECIMAL;
    }

    /**
     * {@code LOWER(x) = 'lit'} / {@code UPPER(x) <> 'lit'} (either side; IN lists arrive here expanded) as one call
     * that compares without building the case-folded string ({@link Functions#lowerEquals}); null when the call is
     * not of that shape.
     */
    private Ir caseFoldedEquals(RexCall call) {
        if (call.getKind() != SqlKind.EQUALS && call.getKind() != SqlKind.NOT_EQUALS) return null;
        for (int side = 0; side < 2; side++) {
            RexNode folded = deref(call.getOperands().get(side)), other = deref(call.getOperands().get(1 - side));
            if (!(folded instanceof RexCall f && f.getOperands().size() == 1)) continue;
            String fn = f.getOperator().getName().toUpperCase(Locale.ROOT);
            if (!fn.equals("LOWER") && !fn.equals("UPPER")) continue;
            if (!(other instanceof RexLiteral lit) || lit.isNull() || !SqlTypeUtil.inCharFamily(lit.getType())) continue;
            Ir eq = call(Kind.BOOL, fn.equals("LOWER") ? "lowerEquals" : "upperEquals", null, str(f.getOperands().get(0)),
                    new Ir.Const(Kind.STRING, lit.getValueAs(String.class)));
            return call.getKind() == SqlKind.EQUALS ? eq : call(Kind.BOOL, "not", "(!$0)", eq);
        }
        return null;
    }

    // ---------------------------------------------------------------- pattern matching

    private Ir like(RexCall call) {
        SqlLikeOperator op = (SqlLikeOperator) call.getOperator();
        boolean similar = call.getKind() == SqlKind.SIMILAR;
        List<RexNode> o = call.getOperands();
        Ir s = str(o.get(0));
        RexNode pattern = deref(o.get(1));
        RexNode escape = o.size() > 2 ? deref(o.get(2)) : null;
        Ir result;
        if (pattern instanceof RexLiteral p && !p.isNull() && (escape == null || escape instanceof RexLiteral e && !e.isNull())) {
            String pat = p.getValueAs(String.class);
            String esc = escape == null ? null : ((RexLiteral) escape).getValueAs(String.class);
            result = constantPattern(s, pat, esc, similar, op.isCaseSensitive());
        } else {
            if (!op.isCaseSensitive()) throw new Unsupported(op.getName(), "with a pattern that is not a literal");
            String m = similar ? "similar" : "like";
            result = o.size() > 2 ? call(Kind.BOOL, m, null, s, str(o.get(1)), str(o.get(2))) : call(Kind.BOOL, m, null, s, str(o.get(1)));
        }
        return op.isNegated() ? call(Kind.BOOL, "not", "(!$0)", result) : result;
    }

    private Ir constantPattern(Ir s, String pat, String esc, boolean similar, boolean caseSensitive) {
        if (!similar && caseSensitive && pat.indexOf('_') < 0 && (esc == null || pat.indexOf(esc) < 0)) {
            String core = pat;
            boolean lead = core.startsWith("%"), trail = core.length() > (lead ? 1 : 0) && core.endsWith("%");
            String mid = core.substring(lead ? 1 : 0, core.length() - (trail ? 1 : 0));
            if (mid.indexOf('%') < 0) {
                Ir m = new Ir.Const(Kind.STRING, mid);
                if (!lead && !trail) return call(Kind.BOOL, "equalsString", "$0.equals($1)", s, m);
                if (lead && trail) return call(Kind.BOOL, "contains", "$0.contains($1)", s, m);
                if (lead) return call(Kind.BOOL, "endsWith", "$0.endsWith($1)", s, m);
                return call(Kind.BOOL, "startsWith", "$0.startsWith($1)", s, m);
            }
        }
        String regex;
        try {
            regex = similar ? Functions.similarToRegex(pat, esc) : Functions.likeToRegex(pat, esc);
        } catch (RuntimeException e) {
            throw new Unsupported(similar ? "SIMILAR TO" : "LIKE", e.getMessage());
        }
        Pattern p = caseSensitive ? Pattern.compile(regex) : Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return callWith(Kind.BOOL, "matches", null, new Ir[] {s}, p);
    }

    // ---------------------------------------------------------------- datetime functions

    private TimeUnitRange unit(RexNode n, String fn) {
        RexNode d = deref(n);
        if (d instanceof RexLiteral lit && lit.getValue() instanceof TimeUnitRange u) return u;
        throw new Unsupported(fn, "with a unit that is not a literal");
    }

    private Ir extract(RexCall call) {
        TimeUnitRange unit = unit(call.getOperands().get(0), "EXTRACT");
        RexNode arg = call.getOperands().get(1);
        Ir v = lower(arg);
        RelDataType t = arg.getType();
        String m;
        switch (t.getSqlTypeName()) {
            case DATE: m = "extractDate"; break;
            case TIME: case TIME_WITH_LOCAL_TIME_ZONE: m = "extractTime"; break;
            case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: m = "extractTimestamp"; break;
            default:
                if (SqlTypeUtil.isInterval(t)) { m = isYearMonth(t) ? "extractMonthsInterval" : "extractMillisInterval"; break; }
                throw new Unsupported("EXTRACT", "from " + t);
        }
        return callWith(Kind.LONG, m, null, new Ir[] {v}, unit);
    }

    private Ir floorCeil(RexCall call, boolean floor) {
        List<RexNode> o = call.getOperands();
        String name = floor ? "floor" : "ceil";
        if (o.size() == 2) {
            TimeUnitRange unit = unit(o.get(1), name.toUpperCase(Locale.ROOT));
            Ir v = lower(o.get(0));
            String suffix = switch (o.get(0).getType().getSqlTypeName()) {
                case DATE -> "Date";
                case TIME, TIME_WITH_LOCAL_TIME_ZONE -> "Time";
                case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "Timestamp";
                default -> throw new Unsupported(name.toUpperCase(Locale.ROOT), "of " + o.get(0).getType() + " to a unit");
            };
            return callWith(Kind.LONG, name + suffix, null, new Ir[] {v}, unit);
        }
        Kind k = kindOf(call.getType(), name);
        Ir v = coerce(lower(o.get(0)), k);
        switch (k) {
            case LONG: return v;
            case DOUBLE: return call(k, name, floor ? "Math.floor($0)" : "Math.ceil($0)", v);
            case DECIMAL: return call(k, name, null, v);
            default: throw new Unsupported(name.toUpperCase(Locale.ROOT), "of " + call.getType());
        }
    }

    private Ir trim(RexCall call) {
        List<RexNode> o = call.getOperands();
        RexNode flag = deref(o.get(0));
        if (!(flag instanceof RexLiteral lit && lit.getValue() instanceof SqlTrimFunction.Flag f)) {
            throw new Unsupported("TRIM", "without a literal BOTH/LEADING/TRAILING");
        }
        boolean leading = f != SqlTrimFunction.Flag.TRAILING, trailing = f != SqlTrimFunction.Flag.LEADING;
        return callWith(Kind.STRING, "trim", null, new Ir[] {str(o.get(2)), str(o.get(1))}, leading, trailing);
    }

    private Ir position(RexCall call) {
        List<RexNode> o = call.getOperands();
        return o.size() == 2 ? call(Kind.LONG, "position", null, str(o.get(0)), str(o.get(1)))
                : call(Kind.LONG, "position", null, str(o.get(0)), str(o.get(1)), lng(o.get(2)));
    }

    // ---------------------------------------------------------------- building calls

    private static Ir call(Kind kind, String method, String template, Ir... args) {
        return callWith(kind, method, template, args);
    }

    /** A strict call of {@code Functions.method(args..., consts...)}; folded when every argument is constant. */
    static Ir callWith(Kind kind, String method, String template, Ir[] args, Object... consts) {
        Class<?>[] params = new Class<?>[args.length + consts.length];
        for (int i = 0; i < args.length; i++) params[i] = args[i].kind().javaClass;
        for (int i = 0; i < consts.length; i++) params[args.length + i] = constClass(consts[i]);
        Method m;
        try {
            m = Functions.class.getMethod(method, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no Functions." + method + java.util.Arrays.toString(params), e);
        }
        if (!m.getReturnType().equals(kind.javaClass)) {
            throw new IllegalStateException("Functions." + method + " returns " + m.getReturnType() + ", not " + kind);
        }
        Ir.Call c = new Ir.Call(kind, m, template, args, consts);
        for (Ir a : args) {
            if (!(a instanceof Ir.Const)) return c;
        }
        for (Ir a : args) {
            if (((Ir.Const) a).value() == null) return new Ir.Const(kind, null);
        }
        try {
            return new Ir.Const(kind, Interpreter.invoke(c, constValues(args)));
        } catch (RuntimeException e) {
            return c; // e.g. 1 / 0: leave the error to run time, where it belongs to a row
        }
    }

    private static Object[] constValues(Ir[] args) {
        Object[] v = new Object[args.length];
        for (int i = 0; i < args.length; i++) v[i] = ((Ir.Const) args[i]).value();
        return v;
    }

    private static Class<?> constClass(Object c) {
        if (c instanceof Integer) return int.class;
        if (c instanceof Long) return long.class;
        if (c instanceof Boolean) return boolean.class;
        if (c instanceof Enum<?> e) return e.getDeclaringClass();
        return c.getClass();
    }
}
