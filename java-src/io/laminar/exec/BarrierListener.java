package io.laminar.exec;

/**
 * Receives what a checkpoint barrier collects on its way through the dataflow. Implemented by the checkpoint
 * coordinator; calls arrive on whichever thread the barrier is at (a source's producer, a core, the delivery
 * agent), so implementations only record and hand off — no I/O, no locks held for long.
 */
public interface BarrierListener {
    /** A source injected the barrier of {@code epoch}; {@code position} is everything needed to rewind it there. */
    void onSourceBarrier(SourceRuntime source, long epoch, SourceRuntime.Position position);

    /** A stateful pipeline instance aligned on {@code epoch} and serialised its state (on its core thread). */
    void onOperatorSnapshot(Pipeline pipeline, int core, long epoch, byte[] state);

    /** A pipeline instance could not snapshot its state: the checkpoint fails (the barrier still flows on). */
    void onSnapshotFailed(Pipeline pipeline, int core, long epoch, Throwable cause);
}
