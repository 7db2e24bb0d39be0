package io.laminar.bench.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultDigestTest {
    private static void row(ResultDigest d, boolean insert, Object... values) {
        d.beginRow();
        for (Object v : values) d.addObject(v);
        d.endRow(insert);
    }

    @Test void aScaledDecimalHashesAsItsBigDecimal() {
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 100_000; i++) {
            long u = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(2001) - 1000;
                case 1 -> (rnd.nextLong() >> rnd.nextInt(64)) * (long) Math.pow(10, rnd.nextInt(4));
                case 2 -> rnd.nextLong();
                default -> rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
            };
            int scale = rnd.nextInt(19);
            ResultDigest scaled = new ResultDigest(true), big = new ResultDigest(true);
            scaled.beginRow();
            scaled.addScaledDecimal(u, scale);
            scaled.endRow(true);
            big.beginRow();
            big.addDecimal(java.math.BigDecimal.valueOf(u, scale));
            big.endRow(true);
            assertEquals(big.fingerprint(), scaled.fingerprint(), u + " at scale " + scale);
        }
    }

    @Test void sameRowsInAnyOrderGiveTheSameFingerprint() {
        ResultDigest a = new ResultDigest();
        row(a, true, 1L, "x");
        row(a, true, 2L, "y");
        ResultDigest b = new ResultDigest();
        row(b, true, 2L, "y");
        row(b, true, 1L, "x");
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(2, a.finalRows());
    }

    @Test void aChangelogEqualsItsFinalState() {
        ResultDigest changelog = new ResultDigest();
        row(changelog, true, "2026-01-01", 1L);   // +I
        row(changelog, false, "2026-01-01", 1L);  // -U
        row(changelog, true, "2026-01-01", 2L);   // +U
        ResultDigest finalState = new ResultDigest();
        row(finalState, true, "2026-01-01", 2L);
        assertEquals(finalState.fingerprint(), changelog.fingerprint());
        assertEquals(3, changelog.emittedRows());
        assertEquals(1, changelog.finalRows());
    }

    @Test void differentValuesOrMultiplicitiesDiffer() {
        ResultDigest once = new ResultDigest();
        row(once, true, 1L, 2L);
        ResultDigest twice = new ResultDigest();
        row(twice, true, 1L, 2L);
        row(twice, true, 1L, 2L);
        ResultDigest swapped = new ResultDigest();
        row(swapped, true, 2L, 1L);
        assertNotEquals(once.fingerprint(), twice.fingerprint());
        assertNotEquals(once.fingerprint(), swapped.fingerprint());
    }

    @Test void nullsTypesAndPositionsOfFieldsCount() {
        ResultDigest a = new ResultDigest();
        row(a, true, 1L, null, "x");
        ResultDigest nullMoved = new ResultDigest();
        row(nullMoved, true, null, 1L, "x");
        ResultDigest nullAsZero = new ResultDigest();
        row(nullAsZero, true, 1L, 0L, "x");
        ResultDigest textAsNumber = new ResultDigest();
        row(textAsNumber, true, "1", null, "x");
        ResultDigest fieldsMerged = new ResultDigest();
        row(fieldsMerged, true, 1L, null, "x", "");
        for (ResultDigest other : List.of(nullMoved, nullAsZero, textAsNumber, fieldsMerged)) {
            assertNotEquals(a.fingerprint(), other.fingerprint());
        }
        // -U of a row that differs in one field does not cancel it
        ResultDigest notCancelled = new ResultDigest();
        row(notCancelled, true, 1L, null, "x");
        row(notCancelled, false, 1L, null, "y");
        assertEquals(0, notCancelled.finalRows());
        assertNotEquals(new ResultDigest().fingerprint(), notCancelled.fingerprint());
    }

    @Test void valuesAreCanonicalAcrossEngines() {
        ResultDigest laminar = new ResultDigest();
        laminar.beginRow();
        laminar.addLong(7);
        laminar.addDecimal(new BigDecimal("90.800"));
        laminar.endRow(true);
        ResultDigest peer = new ResultDigest();
        row(peer, true, 7, new BigDecimal("90.8"));   // an Integer and a decimal with another scale
        assertEquals(laminar.fingerprint(), peer.fingerprint());
    }

    @Test void mergedDigestsEqualOneDigestOfAllRows(@TempDir Path dir) throws Exception {
        ResultDigest all = new ResultDigest(true);
        ResultDigest part1 = new ResultDigest(true);
        ResultDigest part2 = new ResultDigest(true);
        row(all, true, 1L, null);
        row(all, true, 3L, "c");
        row(part1, true, 3L, "c");
        row(part2, true, 1L, null);
        part1.merge(part2);
        assertEquals(all.fingerprint(), part1.fingerprint());
        part1.dump(dir.resolve("rows.txt"));
        assertEquals(List.of("1|NULL|", "3|c|"), Files.readAllLines(dir.resolve("rows.txt")));
    }
}
