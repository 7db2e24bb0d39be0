package io.laminar.exec;

import io.laminar.data.Batch;

/**
 * A per-core instance of a stateless stage. Returns its output batch, which it owns and reuses: the caller must
 * finish with it before calling again.
 */
@FunctionalInterface
public interface ExecStage {
    Batch run(Batch in);
}
