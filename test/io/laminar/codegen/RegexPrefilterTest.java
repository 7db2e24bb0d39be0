package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * REGEXP_EXTRACT skips the regex when the input lacks a literal every match needs. Property: for many patterns and
 * random inputs, whenever the regex matches, the input contains the literal found for it — so skipping never
 * changes a result — and the prefiltered function returns exactly what the plain one returns.
 */
class RegexPrefilterTest {
    private static final List<String> PATTERNS = List.of("(&|^)channel_id=([^&]*)", "ab+c", "x(y|z)w", "a|bc",
            "q.=r", "k{2}ey", "(?i)key", "\\d+px", "a[bc]d=", "pre(fix)?post", "^start", "end$", "ab*?cd", "[a=]b");

    @Test
    void literalsFoundAreRequired() {
        assertEquals("channel_id=", Functions.requiredLiteral(Pattern.compile("(&|^)channel_id=([^&]*)")));
        assertEquals("", Functions.requiredLiteral(Pattern.compile("a|bc")));
        assertEquals("", Functions.requiredLiteral(Pattern.compile("(?i)key")));
        assertEquals("ey", Functions.requiredLiteral(Pattern.compile("k{2}ey")));
        assertEquals("post", Functions.requiredLiteral(Pattern.compile("pre(fix)?post")));
        // where the end of a class or a quoted run is not simple to find, nothing is claimed
        assertEquals("", Functions.requiredLiteral(Pattern.compile("[a-c[x]]yz")));
        assertEquals("", Functions.requiredLiteral(Pattern.compile("[a-z&&[^b]]yz")));
        assertEquals("", Functions.requiredLiteral(Pattern.compile("\\Qab\\E?")));
        assertEquals("ayz", Functions.regexpExtract("ayz", 0, Pattern.compile("[a-c[x]]yz"),
                Functions.requiredLiteral(Pattern.compile("[a-c[x]]yz"))));
        Random rnd = new Random(3);
        String alphabet = "abcdkeyxyzwpqr=&_0123456789channel_idpxstartendfixpost";
        for (String re : PATTERNS) {
            Pattern p = Pattern.compile(re);
            String required = Functions.requiredLiteral(p);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(24);
                for (int k = 0; k < n; k++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                if (rnd.nextInt(4) == 0) sb.insert(rnd.nextInt(sb.length() + 1), required);
                String s = sb.toString();
                if (p.matcher(s).find()) assertTrue(s.contains(required), re + " matched '" + s + "' without '" + required + "'");
                for (long g = 0; g <= 1; g++) {
                    assertEquals(Functions.regexpExtract(s, g, p), required.isEmpty() ? Functions.regexpExtract(s, g, p)
                            : Functions.regexpExtract(s, g, p, required), re + " on '" + s + "'");
                }
            }
        }
    }
}
