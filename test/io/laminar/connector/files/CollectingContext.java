package io.laminar.connector.files;

import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.List;

/** A test {@link SourceContext}: keeps every row in one growing batch and every dead letter in a list. */
final class CollectingContext implements SourceContext {
    record DeadLetter(String origin, String reason, String text) {}

    final Schema schema;
    final Batch rows;
    final List<DeadLetter> deadLetters = new ArrayList<>();
    int flushes;
    int rowsAdded;
    /** Stop after this many rows (for the isStopped test). */
    long stopAfter = Long.MAX_VALUE;

    CollectingContext(Schema schema) {
        this.schema = schema;
        this.rows = new Batch(schema, 16);
    }

    @Override public String sourceName() { return "test"; }
    @Override public Schema schema() { return schema; }
    @Override public Batch batch() { return rows; }
    @Override public void rowAdded() { rowsAdded++; }

    @Override public void deadLetter(String origin, String reason, String originalText) {
        deadLetters.add(new DeadLetter(origin, reason, originalText));
    }

    @Override public void flush() { flushes++; }
    @Override public boolean isStopped() { return rowsAdded >= stopAfter; }

    List<Object> column(int c) {
        List<Object> out = new ArrayList<>();
        for (int r = 0; r < rows.size; r++) out.add(rows.value(c, r));
        return out;
    }
}
