package io.laminar.codegen;

import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Writes the Java source of one kernel class from a lowered program. The class has one method, {@code process},
 * with one loop over the rows of the input batch: every column array is cached in a local before the loop, every
 * value is a primitive local (or a String/BigDecimal reference), and every value has a {@code boolean} null flag
 * beside it (or none, when it cannot be NULL). Branches (CASE, AND, OR, COALESCE) become nested blocks so only the
 * chosen branch runs; a common subexpression is computed once in the block where it is first needed and reused by
 * everything nested in that block.
 */
final class JavaGenerator {
    /** A generated value: {@code nul} is a Java boolean expression ("false" when never NULL), {@code val} its value. */
    private record Expr(String nul, String val) {}

    private static final String F = "Functions.";

    private final Lowering.Lowered program;
    private final RexProgram rex;
    private final StringBuilder fields = new StringBuilder();
    private final Map<Object, String> constFields = new HashMap<>();
    private final Map<Object, String> patternFields = new IdentityHashMap<>();
    /** Per-kernel scratch objects (regex matchers, split cursors) by what they serve. */
    private final Map<String, String> scratchFields = new HashMap<>();
    private final BitSet usedInputs = new BitSet();
    /** Scaled-decimal input columns whose spill array the kernel reads. */
    private final BitSet usedSpills = new BitSet();
    private final Deque<Map<Integer, Expr>> scopes = new ArrayDeque<>();
    private StringBuilder code = new StringBuilder();
    private int indent;
    private int tmp;
    private int fieldCount;

    JavaGenerator(Lowering.Lowered program, RexProgram rex) {
        this.program = program;
        this.rex = rex;
    }

    String generate(String className) {
        Schema in = program.input(), out = program.output();
        indent = 4;
        scopes.push(new HashMap<>());
        if (program.condition() != null) {
            line("// WHERE " + comment(rex.getCondition() == null ? "" : expand(rex.getCondition())));
            Expr c = gen(program.condition());
            if (c.nul.equals("false")) line("if (!" + c.val + ") continue;");
            else line("if (" + c.nul + " || !" + c.val + ") continue;");
        }
        // without a WHERE every input row is an output row at the same offset: a column passed through unchanged is
        // one array copy of values and null flags per batch, not a copy per row (Nexmark q22 passes four of seven)
        boolean everyRow = program.condition() == null;
        StringBuilder bulk = new StringBuilder();
        for (int j = 0; j < out.size(); j++) {
            line("// " + comment(out.field(j).name()) + " = " + comment(expand(rex.getProjectList().get(j))));
            if (everyRow && program.projects()[j] instanceof Ir.Input x && sameCells(in.field(x.column()), out.field(j))) {
                int c = x.column();
                usedInputs.set(c);
                line("//   copied whole, before the loop");
                bulk.append("        System.arraycopy(inNull").append(c).append(", 0, outNull").append(j).append(", start, n);\n");
                bulk.append("        System.arraycopy(in").append(c).append(", 0, out").append(j).append(", start, n);\n");
                continue;
            }
            if (out.field(j).storage() == ColumnType.Storage.SCALED_DECIMAL) {
                scaledOutput(j, out.field(j).scale());
                continue;
            }
            Expr e = gen(program.projects()[j]);
            ColumnType t = out.field(j).type();
            Kind k = Kind.of(t);
            String v = k == Kind.BOOL ? "(" + e.val + " ? 1L : 0L)" : e.val;
            String arr = "out" + j;
            if (e.nul.equals("false")) {
                line("outNull" + j + "[o] = false;");
                line(arr + "[o] = " + v + ";");
            } else {
                line("outNull" + j + "[o] = " + e.nul + ";");
                line(arr + "[o] = " + e.nul + " ? " + zeroOf(t) + " : " + v + ";");
            }
        }
        if (everyRow) bulk.append("        System.arraycopy(inOps, 0, outOps, start, n);\n");
        else line("outOps[o] = inOps[i];");
        line("o++;");
        scopes.pop();

        StringBuilder s = new StringBuilder();
        s.append("// Laminar compiled calc. Input ").append(comment(in.toString())).append('\n');
        s.append("// Output ").append(comment(out.toString())).append('\n');
        s.append("import io.laminar.data.Batch;\n");
        s.append("import io.laminar.codegen.Functions;\n\n");
        s.append("public final class ").append(className).append(" implements io.laminar.codegen.CalcKernel {\n");
        s.append(fields);
        if (fields.length() > 0) s.append('\n');
        s.append("    public int process(Batch in, Batch out) {\n");
        s.append("        final int n = in.size;\n");
        s.append("        out.ensureCapacity(n);\n");
        s.append("        final byte[] inOps = in.ops;\n");
        for (int c = usedInputs.nextSetBit(0); c >= 0; c = usedInputs.nextSetBit(c + 1)) {
            s.append("        final boolean[] inNull").append(c).append(" = in.nulls[").append(c).append("];\n");
            s.append("        final ").append(arrayType(in.field(c))).append(" in").append(c).append(" = in.")
                    .append(storageField(in.field(c))).append('[').append(c).append("];\n");
            if (usedSpills.get(c)) s.append("        final Object[] inSpill").append(c).append(" = in.objects[").append(c).append("];\n");
        }
        s.append("        final byte[] outOps = out.ops;\n");
        for (int j = 0; j < out.size(); j++) {
            s.append("        final boolean[] outNull").append(j).append(" = out.nulls[").append(j).append("];\n");
            s.append("        final ").append(arrayType(out.field(j))).append(" out").append(j).append(" = out.")
                    .append(storageField(out.field(j))).append('[').append(j).append("];\n");
            if (out.field(j).storage() == ColumnType.Storage.SCALED_DECIMAL) {
                s.append("        final Object[] outSpill").append(j).append(" = out.objects[").append(j).append("];\n");
            }
        }
        s.append("        final int start = out.size;\n");
        s.append("        int o = start;\n");
        s.append(bulk);
        s.append("        try {\n");
        s.append("            for (int i = 0; i < n; i++) {\n");
        s.append(code);
        s.append("            }\n");
        s.append("        } finally {\n");
        s.append("            out.size = o;\n");
        s.append("        }\n");
        s.append("        return o - start;\n");
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }

    /** Whether an output column can take an input column's arrays as they are: same type, same storage, no spills. */
    private static boolean sameCells(Field in, Field out) {
        return in.type() == out.type() && in.storage() == out.storage() && in.scale() == out.scale()
                && out.storage() != ColumnType.Storage.SCALED_DECIMAL;
    }

    /**
     * Writes output column {@code j}, stored as scaled longs: the unscaled result when the expression has a scaled
     * form that fit, else (and only then, in a nested block) its BigDecimal through {@link
     * io.laminar.data.Batch#storeDecimal}, which keeps it as a long if it fits at the column's scale or spills it.
     */
    private void scaledOutput(int j, int scale) {
        String slots = "out" + j, spill = "outSpill" + j;
        Ir unscaled = program.scaledProjects()[j];
        if (unscaled == null) {
            Expr e = gen(program.projects()[j]);
            line("outNull" + j + "[o] = " + e.nul + ";");
            String v = e.nul.equals("false") ? e.val : "(" + e.nul + " ? null : " + e.val + ")";
            line("Batch.storeDecimal(" + slots + ", " + spill + ", o, " + v + ", " + scale + ");");
            return;
        }
        Expr u = gen(unscaled);
        line("outNull" + j + "[o] = " + u.nul + ";");
        String fits = u.val + " != Batch.DECIMAL_SPILLED";
        line("if (" + (u.nul.equals("false") ? fits : u.nul + " || " + fits) + ") {");
        line("    " + slots + "[o] = " + (u.nul.equals("false") ? u.val : u.nul + " ? 0L : " + u.val) + ";");
        line("    " + spill + "[o] = null;");
        line("} else {");
        indent++;
        scopes.push(new HashMap<>());
        Expr e = gen(program.projects()[j]);
        line("Batch.storeDecimal(" + slots + ", " + spill + ", o, " + e.val + ", " + scale + ");");
        scopes.pop();
        indent--;
        line("}");
    }

    // ---------------------------------------------------------------- expressions

    private Expr gen(Ir ir) {
        if (ir instanceof Ir.Input x) return input(x);
        if (ir instanceof Ir.Spill x) {
            usedInputs.set(x.column());
            usedSpills.set(x.column());
            return new Expr("inNull" + x.column() + "[i]", "((java.math.BigDecimal) inSpill" + x.column() + "[i])");
        }
        if (ir instanceof Ir.Const x) return constant(x);
        if (ir instanceof Ir.Local x) return local(x);
        if (ir instanceof Ir.Call x) return call(x);
        if (ir instanceof Ir.NullableResult x) {
            Expr c = call(x.call());
            String nul = c.nul.equals("false") ? c.val + " == null" : c.nul + " || " + c.val + " == null";
            return assign(x.kind(), nul, c.val);
        }
        if (ir instanceof Ir.And x) return andOr(x.args(), true);
        if (ir instanceof Ir.Or x) return andOr(x.args(), false);
        if (ir instanceof Ir.IsNull x) {
            Expr a = gen(x.arg());
            if (a.nul.equals("false")) return new Expr("false", x.negated() ? "true" : "false");
            return new Expr("false", x.negated() ? "(!" + a.nul + ")" : a.nul);
        }
        if (ir instanceof Ir.Truth x) {
            Expr a = gen(x.arg());
            String is = x.expect() ? a.val : "!" + a.val;
            String v = a.nul.equals("false") ? "(" + is + ")" : "(!" + a.nul + " && " + is + ")";
            if (x.negated()) v = "(!" + v + ")";
            return assign(Kind.BOOL, "false", v);
        }
        if (ir instanceof Ir.Compare x) {
            Expr a = gen(x.left()), b = gen(x.right());
            return strict(Kind.BOOL, new Expr[] {a, b}, compare(x.op(), x.left().kind(), a.val, b.val));
        }
        if (ir instanceof Ir.Distinct x) {
            Expr a = gen(x.left()), b = gen(x.right());
            String eq = compare(org.apache.calcite.sql.SqlKind.EQUALS, x.left().kind(), a.val, b.val);
            String v;
            if (a.nul.equals("false") && b.nul.equals("false")) v = "(!" + eq + ")";
            else v = "((" + a.nul + " || " + b.nul + ") ? (" + a.nul + " != " + b.nul + ") : !" + eq + ")";
            if (x.negated()) v = "(!" + v + ")";
            return assign(Kind.BOOL, "false", v);
        }
        if (ir instanceof Ir.Case x) return caseWhen(x);
        if (ir instanceof Ir.Coalesce x) return coalesce(x);
        throw new IllegalStateException("unknown IR node " + ir);
    }

    private Expr input(Ir.Input x) {
        int c = x.column();
        usedInputs.set(c);
        String cell = "in" + c + "[i]";
        String v = switch (x.kind()) {
            case BOOL -> "(" + cell + " != 0L)";
            case LONG, DOUBLE -> cell;
            default -> "((" + x.kind().javaType + ") " + cell + ")";
        };
        return new Expr("inNull" + c + "[i]", v);
    }

    private Expr constant(Ir.Const x) {
        if (x.value() == null) return new Expr("true", x.kind().zero);
        return new Expr("false", literal(x.value()));
    }

    /** A Java expression for a constant: a literal, or a static final field for objects. */
    private String literal(Object v) {
        if (v instanceof Boolean b) return b.toString();
        if (v instanceof Long l) return l < 0 ? "(" + l + "L)" : l + "L";
        if (v instanceof Integer i) return i < 0 ? "(" + i + ")" : i.toString();
        if (v instanceof Double d) {
            if (d.isNaN()) return "Double.NaN";
            if (d.isInfinite()) return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
            return d < 0 || (d == 0 && 1 / d < 0) ? "(" + d + "d)" : d + "d";
        }
        if (v instanceof String s) return quote(s);
        if (v instanceof Enum<?> e) return e.getDeclaringClass().getName() + "." + e.name();
        if (v instanceof BigDecimal b) {
            return constFields.computeIfAbsent(b, k -> field("java.math.BigDecimal", "new java.math.BigDecimal(" + quote(b.toString()) + ")"));
        }
        if (v instanceof Functions.DatePattern p) { // a record: equal patterns share one field, like other constants
            return constFields.computeIfAbsent(p, k -> field(Functions.DatePattern.class.getCanonicalName(),
                    "new " + Functions.DatePattern.class.getCanonicalName() + "(" + quote(p.pattern()) + ")"));
        }
        if (v instanceof LiteralRegex r) {
            return constFields.computeIfAbsent(r, k -> field(LiteralRegex.class.getCanonicalName(), LiteralRegex.class.getCanonicalName()
                    + ".of(" + quote(r.pattern().pattern()) + ", " + r.pattern().flags() + ")"));
        }
        if (v instanceof Pattern p) {
            return patternFields.computeIfAbsent(p, k -> field("java.util.regex.Pattern",
                    "java.util.regex.Pattern.compile(" + quote(p.pattern()) + ", " + p.flags() + ")"));
        }
        if (v instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder("new byte[] {");
            for (int i = 0; i < bytes.length; i++) sb.append(i > 0 ? ", " : "").append(bytes[i]);
            return field("byte[]", sb.append('}').toString());
        }
        throw new IllegalStateException("no literal for " + v.getClass());
    }

    /** A class constant (literal values shared by every kernel of the class). */
    private String field(String type, String init) {
        return declare("K", "static final", type, init);
    }

    private String declare(String prefix, String modifiers, String type, String init) {
        String name = prefix + fieldCount++;
        fields.append("    private ").append(modifiers).append(' ').append(type).append(' ').append(name)
                .append(" = ").append(init).append(";\n");
        return name;
    }

    private Expr local(Ir.Local x) {
        for (Map<Integer, Expr> scope : scopes) {
            Expr e = scope.get(x.index());
            if (e != null) return e;
        }
        Expr e = gen(program.locals()[x.index()]);
        scopes.peek().put(x.index(), e);
        return e;
    }

    private Expr call(Ir.Call x) {
        Ir[] args = x.args();
        Expr[] a = new Expr[args.length];
        for (int i = 0; i < args.length; i++) a[i] = gen(args[i]);
        Object[] consts = x.consts();
        String[] operands = new String[args.length + consts.length];
        for (int i = 0; i < args.length; i++) operands[i] = a[i].val;
        for (int i = 0; i < consts.length; i++) operands[args.length + i] = literal(consts[i]);
        String v;
        if (x.template() != null) {
            v = x.template();
            for (int i = operands.length - 1; i >= 0; i--) v = v.replace("$" + i, operands[i]);
        } else {
            String scratch = scratchArg(x, operands);
            v = F + x.target().getName() + "(" + String.join(", ", operands) + (scratch == null ? "" : ", " + scratch) + ")";
        }
        return strict(x.kind(), a, v);
    }

    /**
     * The extra, last argument of a call whose {@code Functions} method has an overload taking per-kernel scratch
     * state (an instance field: a kernel is single-threaded), or null:
     * <ul>
     *   <li>a {@link java.util.regex.Matcher} of the call's literal regex ({@link Pattern} or {@link LiteralRegex}),
     *       reset per row, so matching allocates nothing per row — one per regex;
     *   <li>a {@link Functions.SplitCursor}, one per separator operand, shared by the calls so they share one scan;
     *   <li>a {@link Functions.LastCall}, the call site's memo of its previous call — one per distinct call.
     * </ul>
     */
    private String scratchArg(Ir.Call x, String[] operands) {
        Class<?> extra = scratchParameter(x);
        if (extra == null) return null;
        if (extra == java.util.regex.Matcher.class) {
            Object regex = null;
            for (Object c : x.consts()) if (c instanceof Pattern || c instanceof LiteralRegex) regex = c;
            if (regex == null) return null;
            String constant = literal(regex);
            return scratchField(constant, "java.util.regex.Matcher",
                    constant + (regex instanceof LiteralRegex ? ".newMatcher()" : ".matcher(\"\")"));
        }
        String type = extra.getCanonicalName();
        if (extra == Functions.LastCall.class) { // the operands include the constants: one memo per distinct call
            return scratchField("last " + x.target().getName() + "(" + String.join(", ", operands) + ")", type, "new " + type + "()");
        }
        if (x.consts().length > 0) return null;
        if (extra == Functions.SplitCursor.class) {
            return x.args().length < 2 ? null : scratchField("split " + operands[1], type, "new " + type + "()");
        }
        return null;
    }

    private static final Set<Class<?>> SCRATCH_TYPES =
            Set.of(java.util.regex.Matcher.class, Functions.SplitCursor.class, Functions.LastCall.class);

    /** The scratch type of the {@code Functions} overload of the call's method that takes one last, or null. */
    private static Class<?> scratchParameter(Ir.Call x) {
        java.lang.reflect.Method target = x.target();
        int n = target.getParameterCount();
        for (java.lang.reflect.Method m : Functions.class.getMethods()) {
            if (m.getParameterCount() == n + 1 && SCRATCH_TYPES.contains(m.getParameterTypes()[n])
                    && m.getName().equals(target.getName())
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(m.getParameterTypes(), n), target.getParameterTypes())) {
                return m.getParameterTypes()[n];
            }
        }
        return null;
    }

    /** A per-kernel (instance) field for {@code key}, declared once: mutable scratch state of one core thread. */
    private String scratchField(String key, String type, String init) {
        return scratchFields.computeIfAbsent(key, k -> declare("M", "final", type, init));
    }

    /** A value that is NULL when any of {@code args} is NULL. */
    private Expr strict(Kind kind, Expr[] args, String value) {
        Set<String> nulls = new LinkedHashSet<>();
        for (Expr e : args) {
            if (e.nul.equals("true")) return new Expr("true", kind.zero);
            if (!e.nul.equals("false")) nulls.add(e.nul);
        }
        if (nulls.size() == 1) {
            // reuse the operand's flag
            String n = nulls.iterator().next();
            String v = "v" + tmp++;
            line("final " + kind.javaType + " " + v + " = " + n + " ? " + kind.zero + " : " + value + ";");
            return new Expr(n, v);
        }
        return assign(kind, nulls.isEmpty() ? "false" : String.join(" || ", nulls), value);
    }

    private Expr assign(Kind kind, String nul, String value) {
        int id = tmp++;
        String v = "v" + id;
        if (nul.equals("false")) {
            line("final " + kind.javaType + " " + v + " = " + value + ";");
            return new Expr("false", v);
        }
        String n = "n" + id;
        line("final boolean " + n + " = " + nul + ";");
        line("final " + kind.javaType + " " + v + " = " + n + " ? " + kind.zero + " : " + value + ";");
        return new Expr(n, v);
    }

    private static String compare(org.apache.calcite.sql.SqlKind op, Kind kind, String a, String b) {
        String sym = switch (op) {
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            default -> ">=";
        };
        return switch (kind) {
            case LONG, DOUBLE -> "(" + a + " " + sym + " " + b + ")";
            case BOOL -> sym.equals("==") || sym.equals("!=") ? "(" + a + " " + sym + " " + b + ")"
                    : "(Boolean.compare(" + a + ", " + b + ") " + sym + " 0)";
            case STRING -> sym.equals("==") ? a + ".equals(" + b + ")" : sym.equals("!=") ? "(!" + a + ".equals(" + b + "))"
                    : "(" + a + ".compareTo(" + b + ") " + sym + " 0)";
            case DECIMAL -> "(" + a + ".compareTo(" + b + ") " + sym + " 0)";
            case BYTES -> "(" + F + "compare(" + a + ", " + b + ") " + sym + " 0)";
        };
    }

    /** AND (FALSE wins, then NULL) or OR (TRUE wins, then NULL), evaluated left to right, stopping early. */
    private Expr andOr(Ir[] args, boolean and) {
        int id = tmp++;
        String n = "n" + id, v = "v" + id;
        line("boolean " + n + " = false;");
        line("boolean " + v + " = " + (and ? "false" : "true") + ";");
        int opened = 0;
        for (int k = 0; k < args.length; k++) {
            Expr e = gen(args[k]);
            // continue only while the operand does not decide the result
            String undecided = and ? (e.nul.equals("false") ? e.val : "(" + e.nul + " || " + e.val + ")")
                    : (e.nul.equals("false") ? "!" + e.val : "(" + e.nul + " || !" + e.val + ")");
            line("if (" + undecided + ") {");
            indent++;
            opened++;
            scopes.push(new HashMap<>());
            if (!e.nul.equals("false")) line(n + " = " + n + " || " + e.nul + ";");
        }
        line(v + " = " + (and ? "!" + n : "false") + ";");
        for (int k = 0; k < opened; k++) {
            scopes.pop();
            indent--;
            line("} else {");
            line("    " + n + " = false;");
            line("}");
        }
        return new Expr(n, v);
    }

    private Expr caseWhen(Ir.Case x) {
        int id = tmp++;
        String n = "n" + id, v = "v" + id;
        line("boolean " + n + " = true;");
        line(x.kind().javaType + " " + v + " = " + x.kind().zero + ";");
        int opened = 0;
        for (int k = 0; k < x.conds().length; k++) {
            Expr c = gen(x.conds()[k]);
            line("if (" + (c.nul.equals("false") ? c.val : "!" + c.nul + " && " + c.val) + ") {");
            branch(x.values()[k], n, v);
            line("} else {");
            indent++;
            opened++;
            scopes.push(new HashMap<>());
        }
        Expr e = gen(x.otherwise());
        line(n + " = " + e.nul + ";");
        line(v + " = " + e.val + ";");
        for (int k = 0; k < opened; k++) {
            scopes.pop();
            indent--;
            line("}");
        }
        return new Expr(n, v);
    }

    private void branch(Ir value, String n, String v) {
        indent++;
        scopes.push(new HashMap<>());
        Expr e = gen(value);
        line(n + " = " + e.nul + ";");
        line(v + " = " + e.val + ";");
        scopes.pop();
        indent--;
    }

    private Expr coalesce(Ir.Coalesce x) {
        int id = tmp++;
        String n = "n" + id, v = "v" + id;
        line("boolean " + n + " = true;");
        line(x.kind().javaType + " " + v + " = " + x.kind().zero + ";");
        int opened = 0;
        for (Ir a : x.args()) {
            Expr e = gen(a);
            if (e.nul.equals("false")) {
                line(n + " = false;");
                line(v + " = " + e.val + ";");
                break;
            }
            line("if (!" + e.nul + ") {");
            line("    " + n + " = false;");
            line("    " + v + " = " + e.val + ";");
            line("} else {");
            indent++;
            opened++;
            scopes.push(new HashMap<>());
        }
        for (int k = 0; k < opened; k++) {
            scopes.pop();
            indent--;
            line("}");
        }
        return new Expr(n, v);
    }

    // ---------------------------------------------------------------- text

    private void line(String s) {
        code.append("    ".repeat(indent)).append(s).append('\n');
    }

    /** The Java type of a column's value array (a scaled decimal's long slots; its spill array is declared apart). */
    private static String arrayType(Field f) {
        return switch (f.storage()) {
            case LONG, SCALED_DECIMAL -> "long[]"; case DOUBLE -> "double[]"; case OBJECT -> "Object[]";
        };
    }

    private static String storageField(Field f) {
        return switch (f.storage()) { case LONG, SCALED_DECIMAL -> "longs"; case DOUBLE -> "doubles"; case OBJECT -> "objects"; };
    }

    private static String zeroOf(ColumnType t) {
        return switch (t.storage) { case LONG, SCALED_DECIMAL -> "0L"; case DOUBLE -> "0.0d"; case OBJECT -> "null"; };
    }

    /** A Rex expression with the program's local refs expanded, for comments. */
    private String expand(RexNode node) {
        try {
            return rex.expandLocalRef((org.apache.calcite.rex.RexLocalRef) node).toString();
        } catch (RuntimeException e) {
            return node.toString();
        }
    }

    /** Text safe inside a // comment: one line, no unicode escapes. */
    private static String comment(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ').replace("\\u", "\\ u");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
