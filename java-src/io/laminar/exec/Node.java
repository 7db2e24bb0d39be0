package io.laminar.exec;

import io.laminar.data.Schema;
import java.util.Arrays;

/**
 * A named producer of rows inside the runtime: a source, or a stream/view (the output of a pipeline). Cores hand
 * each batch a node produces to the pipelines that read it ({@link #readers}) and, when something outside Ring 0
 * listens (subscriptions, sinks, materialized views), to the delivery agent.
 *
 * <p>{@code readers} and {@code external} are copy-on-write: the control plane replaces the array, cores read the
 * volatile field once per batch. {@code producers} lists the cores that emit this node's rows; a reader's
 * watermark is the minimum over them.
 */
public final class Node {
    public final String name;
    public final Schema schema;
    public final boolean updating;
    final int[] producers;
    volatile Pipeline.Port[] readers = new Pipeline.Port[0];
    volatile boolean external;
    /** Per core: the last checkpoint epoch whose barrier this node passed on (written only by that core). */
    private final long[] barrierEpochs = new long[64];

    public Node(String name, Schema schema, boolean updating, int[] producers) {
        this.name = name;
        this.schema = schema;
        this.updating = updating;
        this.producers = producers;
    }

    synchronized void addReader(Pipeline.Port p) {
        Pipeline.Port[] r = Arrays.copyOf(readers, readers.length + 1);
        r[r.length - 1] = p;
        readers = r;
    }

    synchronized void removeReader(Pipeline.Port p) {
        readers = Arrays.stream(readers).filter(x -> x != p).toArray(Pipeline.Port[]::new);
    }

    /** The pipelines reading this node (a self-join's pipeline once). */
    public Pipeline[] readers() {
        return Arrays.stream(readers).map(Pipeline.Port::pipeline).distinct().toArray(Pipeline[]::new);
    }

    /**
     * Called on core {@code core}: true the first time this node sees {@code epoch}'s barrier there. A late-data
     * node is fed by several pipelines, each passing the barrier on; only the first copy counts.
     */
    boolean markBarrier(int core, long epoch) {
        if (barrierEpochs[core] >= epoch) return false;
        barrierEpochs[core] = epoch;
        return true;
    }

    /** Forgets barrier epochs (RESTORE rewinds the epoch counter's meaning for in-flight state). */
    void resetBarriers() {
        java.util.Arrays.fill(barrierEpochs, 0);
    }
    public int[] producers() { return producers.clone(); }
}
