package io.laminar.connector.generator;

import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.util.function.LongPredicate;

/** A SourceContext for tests: collects every row into one growing batch and counts calls. */
final class CollectingContext implements SourceContext {
    final Batch rows;
    long rowsAdded;
    int flushes;
    volatile boolean stopped;
    /** Asked with the row count after each row: true stops the source. */
    LongPredicate stopAfter = n -> false;

    CollectingContext(Schema schema) {
        this.rows = new Batch(schema, 1024);
    }

    @Override public String sourceName() { return "test"; }
    @Override public Schema schema() { return rows.schema; }
    @Override public Batch batch() { return rows; }

    @Override public void rowAdded() {
        rowsAdded++;
        if (stopAfter.test(rowsAdded)) stopped = true;
    }

    @Override public void deadLetter(String origin, String reason, String originalText) {
        throw new AssertionError("dead letter: " + reason);
    }

    @Override public void flush() { flushes++; }
    @Override public boolean isStopped() { return stopped; }
}
