package io.laminar.format;

import io.laminar.data.Batch;

/**
 * Encodes rows of a {@link Batch} as text records. Single-threaded; one instance per writer.
 * Encoders for updating streams write each row's kind as {@code _op}; append-only encoders ignore row kinds.
 */
public interface RowEncoder {
    /** The line written once at the start of an output (the CSV header), or null. */
    String header();

    /** Appends row {@code row} of {@code batch} to {@code out} as one record, without a line terminator. */
    void encode(Batch batch, int row, StringBuilder out);
}
