/**
 * Checkpoints and recovery. {@link io.laminar.checkpoint.CheckpointCoordinator} (Ring 2) asks every source to inject
 * a barrier of a new epoch between two rows; barriers flow behind the rows through the cores, stateful pipeline
 * instances align on them (input from a channel past the barrier is held back until every channel delivered it)
 * and serialise their state, sinks pre-commit their epoch on the delivery thread. The coordinator then writes the
 * state files ({@link io.laminar.checkpoint.StateFile}) and the {@link io.laminar.checkpoint.Manifest} atomically
 * ({@link io.laminar.checkpoint.CheckpointStore}); only then are sinks told to commit. Recovery (in the engine's
 * {@code Database}) replays the {@link io.laminar.checkpoint.CatalogLog}, loads the newest valid manifest (falling
 * back past unusable ones and saying why), checks plan fingerprints, restores state, rewinds sources and replays
 * the WAL; sinks commit or roll back their pending epochs.
 */
package io.laminar.checkpoint;
