package io.laminar.bench.nexmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An order-independent fingerprint of a query's output: the multiset of its final rows.
 *
 * <p>Each row is hashed field by field into 64 bits; an insert ({@code +I}, {@code +U}) adds the row's hash to a
 * running sum and one to a count, a retraction ({@code -U}, {@code -D}) subtracts them. For an append-only stream
 * that is the multiset of emitted rows; for a changelog it is exactly the final materialised state, whatever order
 * and batching the engine chose. Two engines agree when both sums and both counts are equal.
 *
 * <p>Values are canonical across engines so that equal SQL results hash equally: every integral, timestamp (epoch
 * milliseconds, UTC) and date value as a long; strings by their {@code hashCode} and length; decimals with
 * trailing zeros stripped ({@code 90.800} equals {@code 90.8}); doubles rounded to 1e-6. Hashing allocates nothing
 * for longs and strings, and a row's bits are fully mixed only once (a field costs one multiply), so the digest
 * costs every engine about the same as a black-hole sink.
 *
 * <p>Optionally ({@link #keepRows}) it also keeps the canonical rows as text, for {@code --dump}: a mismatch can
 * then be diffed row by row. Not thread-safe: one digest per sink thread, combined with {@link #merge}.
 */
public final class ResultDigest {
    private long sum;
    private long count;
    private long emitted;
    private long row;
    private final StringBuilder text;
    private final Map<String, Long> rows;

    public ResultDigest(boolean keepRows) {
        this.text = keepRows ? new StringBuilder() : null;
        this.rows = keepRows ? new HashMap<>() : null;
    }

    public ResultDigest() {
        this(false);
    }

    public boolean keepsRows() { return rows != null; }

    // ---------------------------------------------------------------- one row: begin, fields, end

    public void beginRow() {
        row = 0x9E3779B97F4A7C15L;
        if (text != null) text.setLength(0);
    }

    public void addLong(long v) {
        row = step(row, v);
        if (text != null) text.append(v).append('|');
    }

    public void addString(String s) {
        if (s == null) {
            addNull();
            return;
        }
        // String.hashCode is computed by a vectorised intrinsic and cached in the string, so a string an engine
        // emits again (a group's key on every -U/+U) costs nothing the second time. 32 bits of it plus the length:
        // a different string in the same field goes unnoticed with probability about 2^-32 per row.
        row = step(row, ((long) s.hashCode() << 20) + s.length() + 0x5bd1e995L);
        if (text != null) text.append(s).append('|');
    }

    public void addDecimal(BigDecimal d) {
        if (d == null) {
            addNull();
            return;
        }
        BigDecimal canonical = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        row = step(row, canonical.unscaledValue().hashCode() * 131L + canonical.scale());
        if (text != null) text.append(canonical.toPlainString()).append('|');
    }

    /**
     * A decimal given as {@code unscaled × 10^-scale} (how Laminar holds a DECIMAL of known scale), hashed exactly as
     * {@link #addDecimal} hashes the equal BigDecimal, without making one. {@code unscaled} is not
     * {@code Long.MIN_VALUE}.
     */
    public void addScaledDecimal(long unscaled, int scale) {
        if (unscaled == 0) scale = 0;
        while (unscaled != 0 && unscaled % 10 == 0) { // strip trailing zeros as stripTrailingZeros does (900 is 9E+2)
            unscaled /= 10;
            scale--;
        }
        row = step(row, bigIntegerHash(unscaled) * 131L + scale);
        if (text != null) text.append(java.math.BigDecimal.valueOf(unscaled, scale).toPlainString()).append('|');
    }

    /** {@code BigInteger.valueOf(v).hashCode()}: its magnitude's 32-bit words folded by 31, times the sign. */
    private static int bigIntegerHash(long v) {
        long m = Math.abs(v);
        int hi = (int) (m >>> 32), h = 0;
        if (hi != 0) h = (int) (hi & 0xffffffffL);
        h = (int) (31 * h + (m & 0xffffffffL));
        return h * Long.signum(v);
    }

    public void addDouble(double v) {
        long micros = Math.round(v * 1e6);
        row = step(row, micros + 0x27d4eb2dL);
        if (text != null) text.append(micros / 1e6).append('|');
    }

    public void addNull() {
        row = step(row, 0x165667b19e3779f9L);
        if (text != null) text.append("NULL|");
    }

    /** Adds the value by its Java type (the boxed forms peers deliver); timestamps must already be epoch millis. */
    public void addObject(Object v) {
        switch (v) {
            case null -> addNull();
            case Long l -> addLong(l);
            case Integer i -> addLong(i);
            case Short s -> addLong(s);
            case Byte b -> addLong(b);
            case Boolean b -> addLong(b ? 1 : 0);
            case String s -> addString(s);
            case BigDecimal d -> addDecimal(d);
            case Double d -> addDouble(d);
            case Float f -> addDouble(f);
            default -> addString(v.toString());
        }
    }

    /** Ends the row: {@code insert} true for +I/+U, false for -U/-D. */
    public void endRow(boolean insert) {
        emitted++;
        long h = mix(row);
        if (insert) {
            sum += h;
            count++;
        } else {
            sum -= h;
            count--;
        }
        if (rows != null) {
            String key = text.toString();
            long n = rows.merge(key, insert ? 1L : -1L, Long::sum);
            if (n == 0) rows.remove(key);
        }
    }

    /**
     * Folds one field into the row's running hash: one multiply and a rotation, so that a field costs a few
     * cycles; the row's hash is fully mixed once, in {@link #endRow}. The rotation carries the product's well-mixed
     * high bits into the low ones the next field's xor lands on, so order and position of fields matter.
     */
    private static long step(long row, long v) {
        return Long.rotateLeft((row ^ v) * 0x9E3779B97F4A7C15L, 27);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- results

    /** Adds another digest's rows (digests of parallel sink instances). */
    public synchronized void merge(ResultDigest other) {
        sum += other.sum;
        count += other.count;
        emitted += other.emitted;
        if (rows != null && other.rows != null) {
            other.rows.forEach((k, v) -> {
                long n = rows.merge(k, v, Long::sum);
                if (n == 0) rows.remove(k);
            });
        }
    }

    /** Rows in the final multiset (inserts minus retractions). */
    public long finalRows() { return count; }

    /** Every row delivered, retractions included. */
    public long emittedRows() { return emitted; }

    /** The multiset's fingerprint: equal outputs give equal fingerprints. */
    public String fingerprint() {
        return Long.toHexString(sum) + ":" + count;
    }

    /** Writes the final rows, sorted, one per line ({@code n x row} when a row occurs n != 1 times). */
    public void dump(Path file) throws IOException {
        if (rows == null) return;
        List<String> lines = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> lines.add(v == 1 ? k : v + " x " + k));
        lines.sort(null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }
}
