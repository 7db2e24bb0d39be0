package io.laminar.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End-to-end golden tests: every directory under {@code test/golden/} holds a {@code script.sql}, its input files
 * and {@code expected/} sink files. The script runs through {@code laminar run} exactly as a user would run it
 * ({@code ${case}} in it names the case directory, {@code ${out}} a fresh output directory), on one and on two
 * cores, and every sink file must hold exactly the rows of its expected file. Results never depend on batching, but
 * the interleaving of rows fired by different watermark steps can, so rows are compared as a multiset; a changelog
 * file ({@code _op}) must in addition apply cleanly in its own order — every -U/-D retracts a row that is there.
 * Sinks the case does not expect must not appear.
 *
 * <p>To add a case: write the script and inputs, run it with {@code bin/laminar run --quiet --cores 1}, check every
 * output row by hand (or against the published source it reproduces), and copy the files into {@code expected/}.
 */
class GoldenScriptTest {
    private static final Path GOLDEN = Path.of("test", "golden");

    @TestFactory
    Stream<DynamicTest> goldenScripts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(GOLDEN)) {
            for (Path c : cases.sorted().toList()) {
                if (!Files.isRegularFile(c.resolve("script.sql"))) continue;
                for (int cores : new int[] {1, 2}) {
                    tests.add(DynamicTest.dynamicTest(c.getFileName() + " on " + cores + " core(s)", () -> check(c, cores)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Path caseDir, int cores) throws IOException {
        Path out = Files.createTempDirectory("laminar-golden-");
        try {
            String script = Files.readString(caseDir.resolve("script.sql"))
                    .replace("${case}", caseDir.toAbsolutePath().toString())
                    .replace("${out}", out.toString());
            Path scriptFile = out.resolve("script.sql");
            Files.writeString(scriptFile, script);
            MainTest.Outcome r = MainTest.laminar("", "run", "--quiet", "--cores", String.valueOf(cores), scriptFile.toString());
            assertEquals(0, r.code(), "laminar run failed:\n" + r.err());

            Path expectedDir = caseDir.resolve("expected");
            Set<String> expectedFiles = names(expectedDir);
            Set<String> produced = names(out);
            produced.remove("script.sql");
            assertEquals(expectedFiles, produced, "sink files produced");
            for (String f : expectedFiles) {
                List<String> expected = Files.readAllLines(expectedDir.resolve(f));
                List<String> actual = Files.readAllLines(out.resolve(f));
                assertEquals(sorted(expected), sorted(actual), caseDir.getFileName() + "/" + f + " (as a multiset)");
                assertAppliesInOrder(caseDir.getFileName() + "/" + f, actual);
            }
        } finally {
            try (Stream<Path> files = Files.list(out)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(out);
        }
    }

    /** Applies a changelog in order: +I/+U add a row, -U/-D must remove one that is present. */
    private static void assertAppliesInOrder(String what, List<String> lines) {
        java.util.Map<String, Integer> state = new java.util.HashMap<>();
        for (String line : lines) {
            if (!line.startsWith("{\"_op\":\"")) continue;
            String op = line.substring(8, 10);
            String row = line.substring(12);
            if (op.equals("+I") || op.equals("+U")) {
                state.merge(row, 1, Integer::sum);
            } else {
                Integer n = state.get(row);
                if (n == null) throw new AssertionError(what + ": " + op + " of a row not present: " + line);
                if (n == 1) state.remove(row);
                else state.put(row, n - 1);
            }
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        s.sort(null);
        return s;
    }
}
