package io.laminar.format;

import io.laminar.data.Batch;

/**
 * Decodes text records into rows of a {@link Batch}. Single-threaded; one instance per reader.
 *
 * <p>A reader calls {@link #beginInput()} at the start of each input (file), then {@link #decode} for each record.
 * A record is normally one line; when {@link #recordQuote()} is not -1, a line break inside a field quoted with that
 * character belongs to the record (CSV fields may span lines; a field is quoted when the quote is its first
 * character, fields being separated by {@link #fieldDelimiter()}).
 */
public interface RowDecoder {
    /** The quote character inside which a line break does not end a record, or -1 when records are lines. */
    default int recordQuote() {
        return -1;
    }

    /** The field delimiter that ends a quoted field (with {@link #recordQuote()}), or -1. */
    default int fieldDelimiter() {
        return -1;
    }

    /** A new input begins; a decoder expecting a header line reads the next record as the header. */
    default void beginInput() {}

    /**
     * Decodes one record into a new row at the end of {@code batch}.
     *
     * @return true when a row was added; false when the record was consumed without producing one (a header)
     * @throws DecodeException when the record cannot be decoded; the batch is then left as it was
     */
    boolean decode(char[] text, int offset, int length, Batch batch);

    /** Convenience form of {@link #decode(char[], int, int, Batch)}. */
    default boolean decode(String record, Batch batch) {
        char[] chars = record.toCharArray();
        return decode(chars, 0, chars.length, batch);
    }
}
