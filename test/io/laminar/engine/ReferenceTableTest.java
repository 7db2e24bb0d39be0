package io.laminar.engine;

import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference tables that spill to RocksDB above a heap row budget, and keep their rows across a reopen. */
class ReferenceTableTest {
    static final Schema SCHEMA = new Schema(List.of(new Field("id", ColumnType.BIGINT, false),
            new Field("n", ColumnType.INTEGER, true), new Field("price", ColumnType.DECIMAL, true),
            new Field("name", ColumnType.VARCHAR, true), new Field("ok", ColumnType.BOOLEAN, true),
            new Field("day", ColumnType.DATE, true)));

    static Object[] row(long id) {
        return new Object[] {id, (int) id * 2, new BigDecimal(id + ".25"), "n" + id, id % 2 == 0, (int) id + 19_000};
    }

    @Test void rowsBeyondTheHeapBudgetSpillAndComeBackWithTheirTypes(@TempDir Path dir) {
        Path storage = dir.resolve("t");
        try (ReferenceTable t = new ReferenceTable(SCHEMA, new int[] {0}, storage, 10, false)) {
            for (long i = 0; i < 1_000; i++) t.upsert(row(i));
            t.upsert(row(5)); // an upsert of an existing key does not add a row
            assertEquals(1_000, t.size());
            assertTrue(t.heapRows() <= 10, "heap holds at most heap.rows rows, held " + t.heapRows());
            List<Object[]> rows = t.snapshot();
            assertEquals(1_000, rows.size());
            Object[] r7 = rows.stream().filter(r -> (Long) r[0] == 7L).findFirst().orElseThrow();
            assertEquals(Arrays.asList(row(7)), Arrays.asList(r7), "Calcite's internal types: Long, Integer, BigDecimal, ...");
            assertEquals(Integer.class, r7[1].getClass());
            assertEquals(Integer.class, r7[5].getClass());
        }
        try (ReferenceTable again = new ReferenceTable(SCHEMA, new int[] {0}, storage, 10, false)) {
            assertEquals(1_000, again.size(), "a persistent table's rows are there after a reopen");
            assertEquals(1_000, again.snapshot().size());
        }
    }

    @Test void aSpillDirectoryGoesWithTheTable(@TempDir Path dir) throws Exception {
        Path storage = dir.resolve("spill");
        ReferenceTable t = new ReferenceTable(SCHEMA, new int[0], storage, 2, true);
        for (long i = 0; i < 20; i++) t.upsert(row(i % 3)); // no key: every insert is a row
        assertEquals(20, t.size());
        assertEquals(20, t.snapshot().size());
        t.close();
        assertFalse(Files.exists(storage), "spill storage deleted on close");
        try (var s = Files.walk(dir)) {
            assertEquals(1, s.sorted(Comparator.reverseOrder()).count());
        }
    }
}
