package io.laminar.codegen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex that is a literal of the query, analysed once at plan time so that a search can skip work: a literal
 * substring every match must contain ({@link #required()}, "" when none is certain) and the most characters a
 * match can span before it ({@link #maxLead()}, -1 when unbounded). A text without the required literal cannot
 * match; and a match can start no earlier than {@code indexOf(required) - maxLead}, so the search starts there
 * (Nexmark q21's {@code (&|^)channel_id=([^&]*)}: required {@code channel_id=}, lead 1 — the regex is tried at one
 * position instead of every position of the url). Immutable and shareable; a {@link Matcher} is not, so a kernel
 * keeps one per regex ({@link #newMatcher()}) and resets it per row.
 *
 * <p>The analysis is conservative: anything it does not fully understand (inline flags, lookaround, {@code \Q},
 * {@code \G}, nested classes and intersections, unknown escapes, surrogates in the pattern, flags that change how
 * literals match) leaves it claiming nothing, and then a search is exactly {@code matcher.find()}.
 */
public final class LiteralRegex {
    /** Flags under which a character in the pattern does not simply match itself. */
    private static final int UNTRUSTED_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.COMMENTS | Pattern.LITERAL
            | Pattern.UNICODE_CASE | Pattern.CANON_EQ;
    /** An unbounded length. */
    private static final long UNBOUNDED = Long.MAX_VALUE;

    private final Pattern pattern;
    private final String required;
    private final int maxLead;

    private LiteralRegex(Pattern pattern, String required, int maxLead) {
        this.pattern = pattern;
        this.required = required;
        this.maxLead = maxLead;
    }

    /** The regex compiled with {@code flags}, analysed. */
    public static LiteralRegex of(String regex, int flags) {
        return of(Pattern.compile(regex, flags));
    }

    static LiteralRegex of(Pattern pattern) {
        if ((pattern.flags() & UNTRUSTED_FLAGS) != 0) return new LiteralRegex(pattern, "", -1);
        Analysis a = new Analysis(pattern.pattern());
        try {
            a.top();
        } catch (GiveUp g) {
            return new LiteralRegex(pattern, "", -1);
        }
        return new LiteralRegex(pattern, a.best, a.best.isEmpty() || a.bestLead > Integer.MAX_VALUE ? -1 : (int) a.bestLead);
    }

    public Pattern pattern() { return pattern; }

    /** A literal substring every match contains; "" when none is certain. */
    public String required() { return required; }

    /** The most characters a match spans before {@link #required()}; -1 when unbounded or unknown. */
    public int maxLead() { return maxLead; }

    /** A matcher of this regex for one thread (a kernel keeps one and reuses it for every row). */
    public Matcher newMatcher() { return pattern.matcher(""); }

    /**
     * Finds the first match in {@code s} with {@code m} (a matcher of this regex, reset here): exactly what
     * {@code pattern.matcher(s).find()} finds, without running the regex where no match can start.
     */
    public boolean find(Matcher m, String s) {
        int from = 0;
        if (!required.isEmpty()) {
            int at = s.indexOf(required);
            if (at < 0) return false;
            if (maxLead >= 0) from = Math.max(0, at - maxLead);
        }
        m.reset(s);
        return m.find(from);
    }

    @Override public boolean equals(Object o) {
        return o instanceof LiteralRegex r && r.pattern.pattern().equals(pattern.pattern()) && r.pattern.flags() == pattern.flags();
    }

    @Override public int hashCode() { return pattern.pattern().hashCode() * 31 + pattern.flags(); }

    @Override public String toString() { return pattern.pattern(); }

    private static final class GiveUp extends RuntimeException {
        GiveUp() { super(null, null, false, false); }
    }

    /**
     * A small recursive-descent reading of the pattern: for the top-level sequence, the longest run of plain,
     * unquantified characters and the summed maximum length (in chars) of everything before it; inside groups, only
     * maximum lengths. One code point may be two chars, so any "one character" construct counts 2.
     */
    private static final class Analysis {
        private final String p;
        private int i;
        String best = "";
        long bestLead;

        Analysis(String p) { this.p = p; }

        void top() {
            long cum = 0, runLead = 0;
            StringBuilder run = new StringBuilder();
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '|') throw new GiveUp(); // top-level alternation: nothing is required
                if (c == ')') throw new GiveUp();
                int literal = literalAt();
                long max = atom();
                long q = quantified(max);
                if (literal >= 0 && !quantifierConsumed) {
                    if (run.isEmpty()) runLead = cum;
                    run.append((char) literal);
                } else {
                    if (run.length() > best.length()) { best = run.toString(); bestLead = runLead; }
                    run.setLength(0);
                }
                cum = add(cum, q);
            }
            if (run.length() > best.length()) { best = run.toString(); bestLead = runLead; }
        }

        /** The character the atom at {@link #i} stands for when it is a plain or escaped literal, else -1. */
        private int literalAt() {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) throw new GiveUp();
                char e = p.charAt(i + 1);
                return Character.isLetterOrDigit(e) || Character.isSurrogate(e) ? -1 : e;
            }
            return "[](){}.^$|?*+".indexOf(c) >= 0 ? -1 : c;
        }

        private boolean quantifierConsumed;

        /** Applies a quantifier at {@link #i} (if any) to an atom of at most {@code max} chars. */
        private long quantified(long max) {
            quantifierConsumed = false;
            if (i >= p.length()) return max;
            char c = p.charAt(i);
            long result;
            if (c == '?') { i++; result = max; }
            else if (c == '*' || c == '+') { i++; result = max == 0 ? 0 : UNBOUNDED; }
            else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) throw new GiveUp();
                String body = p.substring(i + 1, close);
                i = close + 1;
                int comma = body.indexOf(',');
                String upper = comma < 0 ? body : body.substring(comma + 1);
                if (upper.isEmpty()) result = max == 0 ? 0 : UNBOUNDED;
                else {
                    long m;
                    try { m = Long.parseLong(upper.trim()); } catch (NumberFormatException e) { throw new GiveUp(); }
                    result = max == UNBOUNDED ? (m == 0 ? 0 : UNBOUNDED) : multiply(max, m);
                }
            } else {
                return max;
            }
            quantifierConsumed = true;
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++; // lazy or possessive
            return result;
        }

        /** Consumes one atom at {@link #i}; returns the most chars it can match. */
        private long atom() {
            char c = p.charAt(i);
            if (Character.isSurrogate(c)) throw new GiveUp(); // a quantifier would apply to the whole code point
            switch (c) {
                case '\\': return escape();
                case '[': return charClass();
                case '(': return group();
                case '.': i++; return 2;
                case '^': case '$': i++; return 0;
                case '?': case '*': case '+': case '{': throw new GiveUp(); // a quantifier without an atom
                default: i++; return 1;
            }
        }

        private long escape() {
            if (i + 1 >= p.length()) throw new GiveUp();
            char e = p.charAt(i + 1);
            i += 2;
            if (Character.isSurrogate(e)) throw new GiveUp();
            if (!Character.isLetterOrDigit(e)) return 1; // an escaped metacharacter matches itself
            switch (e) {
                case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H': case 'v': case 'V':
                    return 2;
                case 'b': case 'B': case 'A': case 'z': case 'Z':
                    return 0;
                case 't': case 'n': case 'r': case 'f': case 'a': case 'e':
                    return 1;
                case 'R':
                    return 2; // \r\n
                case 'c':
                    i++;
                    return 1;
                case 'u': {
                    if (i + 4 > p.length()) throw new GiveUp();
                    int unit;
                    try { unit = Integer.parseInt(p.substring(i, i + 4), 16); } catch (NumberFormatException x) { throw new GiveUp(); }
                    if (Character.isSurrogate((char) unit)) throw new GiveUp(); // a pair may be one quantified code point
                    i += 4;
                    return 1;
                }
                case '0':
                    for (int k = 0; k < 3 && i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7'; k++) i++;
                    return 1;
                case 'x':
                    if (i < p.length() && p.charAt(i) == '{') skipPast('}');
                    else i += 2;
                    return 2;
                case 'p': case 'P':
                    if (i < p.length() && p.charAt(i) == '{') skipPast('}');
                    else i++;
                    return 2;
                case 'N':
                    skipPast('}');
                    return 2;
                case 'k':
                    skipPast('>');
                    return UNBOUNDED; // a back reference
                case 'X':
                    return UNBOUNDED; // a grapheme cluster
                default:
                    if (e >= '1' && e <= '9') {
                        while (i < p.length() && Character.isDigit(p.charAt(i))) i++;
                        return UNBOUNDED; // a back reference
                    }
                    throw new GiveUp(); // \Q, \G and anything not understood here
            }
        }

        private void skipPast(char end) {
            int at = p.indexOf(end, i);
            if (at < 0) throw new GiveUp();
            i = at + 1;
        }

        private long charClass() {
            i++;
            if (i < p.length() && p.charAt(i) == '^') i++;
            if (i < p.length() && p.charAt(i) == ']') throw new GiveUp(); // where such a class ends is not this simple
            for (; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\\') {
                    if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') throw new GiveUp();
                    i++;
                } else if (c == '[' || (c == '&' && i + 1 < p.length() && p.charAt(i + 1) == '&')) {
                    throw new GiveUp(); // nested classes and intersections
                } else if (c == ']') {
                    i++;
                    return 2;
                }
            }
            throw new GiveUp();
        }

        private long group() {
            i++;
            if (i < p.length() && p.charAt(i) == '?') {
                if (i + 1 < p.length() && p.charAt(i + 1) == ':') i += 2;
                else if (i + 2 < p.length() && p.charAt(i + 1) == '<' && Character.isLetter(p.charAt(i + 2))) skipPast('>');
                else throw new GiveUp(); // inline flags, lookaround, atomic groups
            }
            long max = 0, branch = 0;
            while (true) {
                if (i >= p.length()) throw new GiveUp();
                char c = p.charAt(i);
                if (c == ')') {
                    i++;
                    return Math.max(max, branch);
                }
                if (c == '|') {
                    i++;
                    max = Math.max(max, branch);
                    branch = 0;
                    continue;
                }
                branch = add(branch, quantified(atom()));
            }
        }

        private static long add(long a, long b) {
            return a == UNBOUNDED || b == UNBOUNDED || a + b > Integer.MAX_VALUE ? UNBOUNDED : a + b;
        }

        private static long multiply(long a, long n) {
            if (a == 0 || n == 0) return 0;
            return a > Integer.MAX_VALUE / n ? UNBOUNDED : a * n;
        }
    }
}
