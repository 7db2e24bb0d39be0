/**
 * Upsert sources: a source with a PRIMARY KEY receives upserts (a row replaces the key's previous row) and
 * tombstones (a row whose every column but the key and the event-time column is NULL deletes the key).
 * {@link io.laminar.operator.upsert.UpsertNormalize} turns them into a changelog (+I/-U/+U/-D) for queries that read
 * the source; temporal joins read the raw rows as versions ({@link io.laminar.operator.upsert.Tombstones}).
 */
package io.laminar.operator.upsert;
