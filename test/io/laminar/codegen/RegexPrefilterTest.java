package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A literal REGEXP_EXTRACT regex is analysed once ({@link LiteralRegex}): a text without the literal every match
 * needs is skipped, and the search starts at most {@code maxLead} chars before that literal. Property: for many
 * patterns and random inputs, every match contains the literal and starts no earlier than the analysis allows —
 * so skipping never changes a result — and the analysed search with one reused matcher returns exactly what a
 * fresh {@code Pattern.matcher(s).find()} returns.
 */
class RegexPrefilterTest {
    private static final List<String> PATTERNS = List.of("(&|^)channel_id=([^&]*)", "ab+c", "x(y|z)w", "a|bc",
            "q.=r", "k{2}ey", "(?i)key", "\\d+px", "a[bc]d=", "pre(fix)?post", "^start", "end$", "ab*?cd", "[a=]b",
            "(a|bb){1,3}=key", "(?:ab|c)\\.x(y)", "(?<n>a.)=\\k<n>", "(a)\\1=x", "\\w{2}-end", "(k|e){0}yx",
            "\\&q=(\\d*)", "(x|\\R)p", "[^&]{2}=(.)", "\u00e9t\u00e9(.)", "(.*)=key", "a++=", "\\bkey\\b");

    @Test
    void literalsAndLeadsFound() {
        assertFound("(&|^)channel_id=([^&]*)", "channel_id=", 1);
        assertFound("k{2}ey", "ey", 2);
        assertFound("pre(fix)?post", "post", 6);
        assertFound("(a|bb){1,3}=key", "=key", 6);
        assertFound("(?:ab|c)\\.x(y)", ".x", 2);
        assertFound("\\&q=(\\d*)", "&q=", 0);
        assertFound("[^&]{2}=(.)", "=", 4); // a class is one code point: up to two chars
        assertFound("(.*)=key", "=key", -1); // unbounded lead: the literal still filters
        // no literal is certain: alternation at the top, case folding, or a construct the analysis does not read
        assertFound("a|bc", "", -1);
        assertFound("(?i)key", "", -1);
        assertFound("[a-c[x]]yz", "", -1);
        assertFound("[a-z&&[^b]]yz", "", -1);
        assertFound("\\Qab\\E?", "", -1);
        assertFound("(?=k)key", "", -1);
        assertEquals("", LiteralRegex.of("key", Pattern.CASE_INSENSITIVE).required());
    }

    private static void assertFound(String regex, String required, int maxLead) {
        LiteralRegex r = LiteralRegex.of(regex, 0);
        assertEquals(required, r.required(), regex);
        assertEquals(maxLead, r.maxLead(), regex);
    }

    @Test
    void analysedSearchFindsWhatThePlainSearchFinds() {
        Random rnd = new Random(3);
        String alphabet = "abcdkeyxyzwpqr=&_-.\r\n0123456789channel_idpxstartendfixpost\u00e9t\u00e9\uD83D\uDE00";
        for (String re : PATTERNS) {
            Pattern p = Pattern.compile(re);
            LiteralRegex r = LiteralRegex.of(p);
            Matcher reused = r.newMatcher();
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(24);
                for (int k = 0; k < n; k++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                if (rnd.nextInt(4) == 0) sb.insert(rnd.nextInt(sb.length() + 1), r.required());
                String s = sb.toString();
                Matcher plain = p.matcher(s);
                if (plain.find()) {
                    assertTrue(s.contains(r.required()), re + " matched '" + s + "' without '" + r.required() + "'");
                    if (r.maxLead() >= 0) {
                        assertTrue(plain.start() >= s.indexOf(r.required()) - r.maxLead(),
                                re + " matched '" + s + "' at " + plain.start() + ", before the lead allows");
                    }
                }
                for (long g = 0; g <= 2; g++) {
                    assertEquals(Functions.regexpExtract(s, g, p), Functions.regexpExtract(s, g, r, reused), re + " on '" + s + "'");
                }
                assertEquals(Functions.regexpExtract(s, 1, p), Functions.regexpExtract(s, 1, r), re + " on '" + s + "'");
            }
        }
    }
}
