package io.laminar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CREATE TABLE ... WITH (storage = 'persistent' | heap.rows = N) through SQL. */
class PersistentTableTest {
    static List<String> rows(Laminar db, String sql) {
        return db.query(sql).rows().stream().map(Arrays::toString).toList();
    }

    @Test void aPersistentTableKeepsItsRowsInTheDirectoryAcrossReopen(@TempDir Path dir) {
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(1))) {
            db.execute("""
                    CREATE TABLE names (id BIGINT, name VARCHAR, PRIMARY KEY (id)) WITH (storage = 'persistent', "heap.rows" = '1');
                    INSERT INTO names VALUES (1, 'one'), (2, 'two'), (3, 'three');
                    INSERT INTO names VALUES (2, 'deux')""");
            assertEquals(List.of("[1, one]", "[2, deux]", "[3, three]"), rows(db, "SELECT id, name FROM names ORDER BY id"));
        }
        assertTrue(Files.isDirectory(dir.resolve("tables").resolve("names")), "rows stored under DIR/tables/names");
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(1))) {
            assertEquals(List.of("[1, one]", "[2, deux]", "[3, three]"), rows(db, "SELECT id, name FROM names ORDER BY id"));
            db.execute("DROP TABLE names");
        }
        assertFalse(Files.exists(dir.resolve("tables").resolve("names")), "DROP TABLE deletes the rows");
    }

    @Test void aHeapBudgetWithoutADirectorySpillsToATemporaryStore() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute("CREATE TABLE big (id BIGINT, v INT, PRIMARY KEY (id)) WITH (\"heap.rows\" = '5')");
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 500; i++) values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(i * 3).append(")");
            db.execute("INSERT INTO big VALUES " + values);
            assertEquals(List.of("[500, 374250]"), rows(db, "SELECT COUNT(*), SUM(v) FROM big"));
        }
    }

    @Test void badStorageOptionsAreRefusedWithTheFix() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            LaminarException e = assertThrows(LaminarException.class,
                    () -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (storage = 'persistent')"));
            assertTrue(e.getMessage().contains("needs a database directory"), e.getMessage());
            e = assertThrows(LaminarException.class,
                    () -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (storage = 'disk')"));
            assertTrue(e.getMessage().contains("use 'memory' (the default) or 'persistent'"), e.getMessage());
            e = assertThrows(LaminarException.class,
                    () -> db.execute("CREATE TABLE t (id BIGINT, PRIMARY KEY (id)) WITH (storag = 'persistent')"));
            assertTrue(e.getMessage().contains("storage"), e.getMessage());
        }
    }
}
