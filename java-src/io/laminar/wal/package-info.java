/**
 * The write-ahead log: per-core segment files of records laid out by {@link io.laminar.wal.WalRecordDescriptor}
 * (length, CRC32C, type, payload). Rows pushed into MEMORY sources are appended by the writer's thread before the
 * write is acknowledged, and made durable according to the database's {@link io.laminar.wal.FsyncPolicy}
 * ({@code none}, {@code batch} with group commit, {@code interval}); Ring 0 never touches the log. On open a torn or
 * corrupt tail is cut and reported. After a checkpoint completes, segments behind the oldest retained checkpoint's
 * positions are deleted; recovery replays records after the restored checkpoint's position, per source, by
 * sequence number; records are keyed by the source's incarnation, and an INSERT statement's rows count only once
 * the catalog log holds the statement ({@link io.laminar.wal.SourceLogWriter}). The same record format carries the
 * catalog log (the DDL that recreates a database's objects).
 */
package io.laminar.wal;
