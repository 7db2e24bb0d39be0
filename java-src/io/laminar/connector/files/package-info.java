/**
 * FILES: JSON-lines and CSV files as a bounded source and as a sink.
 *
 * <p>{@link io.laminar.connector.files.FilesConnector} checks options when the object is created ({@code path},
 * {@code format} — implied by a {@code .json}/{@code .jsonl}/{@code .ndjson}/{@code .csv} name — and the format's
 * options) and builds the two halves. The source resolves {@code path} when it runs: a file, a directory (its
 * regular files, not recursive, without hidden files and {@code *.errors.jsonl} dead-letter files) or a glob
 * ({@code data/bids-*.jsonl}, {@code **} crosses directories), and reads the files in lexicographic path order so
 * every run sees the rows in the same order (watermarks depend on arrival order). Files ending in {@code .gz} are
 * decompressed.
 *
 * <p>Reading streams: a package-private {@code RecordReader} decodes UTF-8 into one large reused {@code char[]}
 * buffer and hands each record (a line, or for CSV the lines a quoted field spans) to the format's
 * {@link io.laminar.format.RowDecoder} as a slice of that buffer, copying only records that straddle two buffer
 * fills. Nothing holds more than a record and a buffer in memory, whatever the file's size. A record that does not
 * decode goes to the source's dead-letter output as {@code file:line} with the reason and the original text, and
 * reading carries on. The source runs on its own thread and checks {@code isStopped()} every few hundred records.
 *
 * <p>The sink is single-threaded (it runs on the engine's delivery thread): it encodes rows into a
 * {@link java.lang.StringBuilder} and hands the characters to the file writer in chunks; {@code flush()} pushes
 * everything to the operating system (no fsync). In a database with a directory it is transactional: each epoch's
 * rows are staged in a hidden file, fsynced and renamed to a pending file at the checkpoint barrier, and appended to
 * the target when the checkpoint completes (see {@link io.laminar.connector.files.FilesSink}).
 *
 * <p>For checkpoints the source reports its position as {@code <file index>:<records read in that file>} and, after
 * a {@code seek}, skips that many records (a CSV header is still read). Files must not change between a checkpoint
 * and the recovery that rewinds to it.
 */
package io.laminar.connector.files;
