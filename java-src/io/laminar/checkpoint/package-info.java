/**
 * Checkpoints and recovery. {@link io.laminar.checkpoint.CheckpointCoordinator} (Ring 2) asks every source to inject
 * a barrier of a new epoch between two rows; barriers flow behind the rows through the cores, stateful pipeline
 * instances align on them (input from a channel past the barrier is held back until every channel delivered it)
 * and serialise their state, sinks pre-commit their epoch on the delivery thread. The coordinator then writes the
 * state files ({@link io.laminar.checkpoint.StateFile}) and the {@link io.laminar.checkpoint.Manifest} atomically
 * ({@link io.laminar.checkpoint.CheckpointStore}); only then are sinks told to commit. Recovery (in the engine's
 * {@code Database}) replays the {@link io.laminar.checkpoint.CatalogLog}; the {@link io.laminar.checkpoint.Restorer}
 * picks the newest checkpoint whose files all verify (falling back past unusable ones and saying why), checks plan
 * fingerprints, and restores state with every core reading, then parsing, its own files in parallel (each file read
 * once); the database then rewinds sources and replays the WAL, and sinks commit or roll back their pending epochs.
 * RocksDB stores snapshot natively into SST files of the checkpoint directory (see
 * {@link io.laminar.state.SnapshotFiles}); the manifest lists them.
 */
package io.laminar.checkpoint;
