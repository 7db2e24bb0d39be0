package io.laminar.exec;

import io.laminar.data.Batch;
import io.laminar.operator.StreamOperator;
import io.laminar.plan.PhysicalPlan;
import io.laminar.plan.PhysicalStage;
import io.laminar.ring.Core;
import io.laminar.ring.Message;
import io.laminar.state.KeyRow;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deployed continuous query: its plan, the node it reads, the node it feeds, and one {@link Instance} per core.
 * An instance is touched only by its core's thread.
 */
public final class Pipeline {
    final String name;
    final PhysicalPlan plan;
    final Node input;
    final Node output;
    final Node lateOutput;
    final boolean readsSource;
    final Dataflow dataflow;
    final Instance[] instances;
    volatile boolean dropped;
    final AtomicLong lateDropped = new AtomicLong();
    final AtomicLong lateRouted = new AtomicLong();

    final io.laminar.state.StateBackend backend;

    Pipeline(String name, PhysicalPlan plan, Node input, boolean readsSource, Node output, Node lateOutput, Dataflow dataflow,
             io.laminar.state.StateBackend backend) {
        this.backend = backend;
        this.name = name;
        this.plan = plan;
        this.input = input;
        this.readsSource = readsSource;
        this.output = output;
        this.lateOutput = lateOutput;
        this.dataflow = dataflow;
        int cores = dataflow.cores.length;
        this.instances = new Instance[cores];
        for (int c = 0; c < cores; c++) instances[c] = new Instance(dataflow.cores[c]);
    }

    public String name() { return name; }
    public boolean isStateful() { return plan.isStateful(); }
    public int instanceCount() { return instances.length; }

    /**
     * Replaces instance {@code core}'s state with a snapshot taken by {@link Instance#aligned} (must run on that
     * core: see {@link Dataflow#runOnCore}).
     */
    public void restoreInstance(int core, byte[] state) throws java.io.IOException {
        instances[core].restore(state);
    }
    public PhysicalPlan plan() { return plan; }
    public long lateRowsDropped() {
        long n = lateDropped.get();
        for (Instance i : instances) if (i.operator != null) n += i.operator.lateRowsDropped();
        return n;
    }
    public long lateRowsRouted() { return lateRouted.get(); }

    /** Keys/windows held across every core. Read racily for metrics and tests; exact once the flow is idle. */
    public long stateSize() {
        long n = 0;
        for (Instance i : instances) if (i.operator != null) n += i.operator.stateSize();
        return n;
    }

    /** The part of the pipeline that lives on one core. */
    final class Instance implements Core.TimerTask {
        final Core core;
        final ExecStage[] prefix;
        final ExecStage[] suffix;
        final StreamOperator operator;
        final Batch operatorOut;
        final Batch onTime;
        final Batch lateRows;
        final KeyRow routeKey;
        final Batch[] parts;
        final long[] channelWatermarks;
        long operatorWatermark = Long.MIN_VALUE;
        long nextTick;
        // barrier alignment: a channel (producing core) that delivered the barrier is blocked until all have
        final boolean[] blocked;
        int blockedCount;
        long aligningEpoch;
        java.util.ArrayDeque<Message> held;

        Instance(Core core) {
            this.core = core;
            this.prefix = plan.prefix().stream().map(PhysicalStage::instantiate).toArray(ExecStage[]::new);
            this.suffix = plan.suffix().stream().map(PhysicalStage::instantiate).toArray(ExecStage[]::new);
            this.onTime = readsSource ? new Batch(input.schema, 64) : null;
            this.lateRows = readsSource && lateOutput != null ? new Batch(input.schema, 16) : null;
            if (plan.isStateful()) {
                operator = plan.operator().instantiate(backend, name + "@core" + core.id);
                blocked = new boolean[dataflow.cores.length];
                operatorOut = new Batch(operator.outputSchema(), 256);
                io.laminar.data.Schema routed = plan.prefix().isEmpty() ? input.schema
                        : plan.prefix().get(plan.prefix().size() - 1).outputSchema();
                routeKey = new KeyRow(KeyRow.storageOf(routed, plan.exchangeKeys()));
                parts = new Batch[dataflow.cores.length];
                for (int c = 0; c < parts.length; c++) parts[c] = new Batch(routed, 64);
                channelWatermarks = new long[dataflow.cores.length];
                Arrays.fill(channelWatermarks, Long.MAX_VALUE); // cores that never produce the input don't hold it back
                for (int p : input.producers) channelWatermarks[p] = Long.MIN_VALUE;
            } else {
                operator = null;
                blocked = null;
                operatorOut = null;
                routeKey = null;
                parts = null;
                channelWatermarks = null;
            }
        }

        /** A batch of the input node arrived on this core. */
        void onInput(Batch batch) {
            Batch b = batch;
            if (readsSource && batch.maxLateness > plan.lateness()) b = dropLateRows(batch);
            for (ExecStage s : prefix) {
                if (b.size == 0) return;
                b = s.run(b);
            }
            if (b.size == 0) return;
            if (operator == null) {
                dataflow.emit(output, b, core);
            } else {
                route(b);
            }
        }

        /** Rows later than this query's allowed lateness: to LATE DATA TO, or dropped and counted. */
        private Batch dropLateRows(Batch batch) {
            Batch keep = onTime;
            keep.clear();
            if (lateRows != null) lateRows.clear();
            long allowed = plan.lateness();
            long dropped = 0;
            for (int r = 0; r < batch.size; r++) {
                if (batch.lateness[r] <= allowed) {
                    keep.appendRow(batch, r, batch.ops[r]);
                } else if (lateRows != null) {
                    lateRows.appendRow(batch, r, batch.ops[r]);
                } else {
                    dropped++;
                }
            }
            if (dropped > 0) lateDropped.addAndGet(dropped);
            if (lateRows != null && lateRows.size > 0) {
                lateRouted.addAndGet(lateRows.size);
                dataflow.emit(lateOutput, lateRows, core);
            }
            return keep;
        }

        private void route(Batch b) {
            int n = parts.length;
            if (n == 1) {
                receiveBatch(b, core.id, false);
                return;
            }
            int[] keys = plan.exchangeKeys();
            for (Batch p : parts) p.clear();
            for (int r = 0; r < b.size; r++) {
                int target = (routeKey.load(b, keys, r).hashCode() & Integer.MAX_VALUE) % n;
                parts[target].appendRow(b, r, b.ops[r]);
            }
            for (int t = 0; t < n; t++) {
                if (parts[t].size == 0) continue;
                if (t == core.id) {
                    receiveBatch(parts[t], core.id, false);
                } else {
                    Batch copy = parts[t].copy();
                    Pipeline.this.instances[t].core.offerExchange(new ExchangeBatch(Pipeline.this, copy, core.id));
                }
            }
        }

        /** The input's watermark advanced on this core (from the producer running here). */
        void onInputWatermark(long watermark) {
            if (operator == null) {
                dataflow.emitWatermark(output, watermark, core);
                return;
            }
            for (int t = 0; t < instances.length; t++) {
                if (t == core.id) receiveWatermark(watermark, core.id);
                else instances[t].core.offerExchange(new ExchangeSignal(Pipeline.this, core.id, watermark, false));
            }
        }

        /** The input's checkpoint barrier reached this core: pass it on, through the exchange when stateful. */
        void onInputBarrier(long epoch) {
            if (operator == null) {
                dataflow.emitBarrier(output, epoch, core);
                if (lateOutput != null) dataflow.emitBarrier(lateOutput, epoch, core);
                return;
            }
            if (lateOutput != null) dataflow.emitBarrier(lateOutput, epoch, core);
            for (int t = 0; t < instances.length; t++) {
                if (t == core.id) receiveBarrier(epoch, core.id);
                else instances[t].core.offerExchange(new ExchangeSignal(Pipeline.this, core.id, epoch, true));
            }
        }

        // ---- exchange receivers: hold input from channels that are past the barrier being aligned

        void receiveBatch(Batch b, int from, boolean owned) {
            if (blockedCount > 0 && blocked[from]) {
                hold(new ExchangeBatch(Pipeline.this, owned ? b : b.copy(), from));
                return;
            }
            onExchanged(b);
        }

        void receiveWatermark(long watermark, int from) {
            if (blockedCount > 0 && blocked[from]) {
                hold(new ExchangeSignal(Pipeline.this, from, watermark, false));
                return;
            }
            onExchangedWatermark(watermark, from);
        }

        void receiveBarrier(long epoch, int from) {
            if (blocked[from]) { // the next epoch's barrier, while this one is still aligning
                hold(new ExchangeSignal(Pipeline.this, from, epoch, true));
                return;
            }
            blocked[from] = true;
            blockedCount++;
            aligningEpoch = epoch;
            if (blockedCount == input.producers.length) aligned(epoch);
        }

        private void hold(Message m) {
            if (held == null) held = new java.util.ArrayDeque<>();
            held.add(m);
        }

        /**
         * Every channel delivered the barrier: the state now reflects exactly the rows before it. Snapshot, pass
         * the barrier on, then replay what was held back (which may block again on a next barrier).
         */
        private void aligned(long epoch) {
            BarrierListener listener = dataflow.barrierListener;
            if (listener != null) {
                try {
                    listener.onOperatorSnapshot(Pipeline.this, core.id, epoch, snapshot());
                } catch (RuntimeException e) { // an operator without snapshot support fails the checkpoint, not the core
                    listener.onSnapshotFailed(Pipeline.this, core.id, epoch, e);
                }
            }
            dataflow.emitBarrier(output, epoch, core);
            java.util.Arrays.fill(blocked, false);
            blockedCount = 0;
            if (held == null || held.isEmpty()) return;
            java.util.ArrayDeque<Message> replay = held;
            held = null;
            for (Message m : replay) m.run(core);
        }

        /** {@code int n, n channel watermarks, long operatorWatermark}, then the operator's own snapshot. */
        private byte[] snapshot() {
            io.laminar.state.BytesOut out = new io.laminar.state.BytesOut(1 << 16);
            try {
                out.writeInt(channelWatermarks.length);
                for (long w : channelWatermarks) out.writeLong(w);
                out.writeLong(operatorWatermark);
                operator.snapshot(out);
            } catch (java.io.IOException e) {
                throw new io.laminar.LaminarException(io.laminar.ErrorCode.STATE_IO, "cannot snapshot the state of query "
                        + name + " on core " + core.id + ": " + e.getMessage(), java.util.Map.of("query", name), e);
            }
            return out.toByteArray();
        }

        void restore(byte[] state) throws java.io.IOException {
            io.laminar.state.BytesIn in = new io.laminar.state.BytesIn(state);
            int n = in.readInt();
            if (n != channelWatermarks.length) {
                throw new java.io.IOException("the checkpoint of query " + name + " was taken with " + n
                        + " cores, this database has " + channelWatermarks.length);
            }
            for (int i = 0; i < n; i++) channelWatermarks[i] = in.readLong();
            operatorWatermark = in.readLong();
            operator.restore(in);
            java.util.Arrays.fill(blocked, false);
            blockedCount = 0;
            held = null;
        }

        void onExchanged(Batch b) {
            operatorOut.clear();
            operator.process(b, operatorOut);
            flushOperatorOutput();
        }

        void onExchangedWatermark(long watermark, int fromCore) {
            if (watermark > channelWatermarks[fromCore]) channelWatermarks[fromCore] = watermark;
            long min = Long.MAX_VALUE;
            for (long w : channelWatermarks) min = Math.min(min, w);
            if (min <= operatorWatermark) return;
            operatorWatermark = min;
            operatorOut.clear();
            operator.onWatermark(min, operatorOut);
            flushOperatorOutput();
            dataflow.emitWatermark(output, min, core);
        }

        private void flushOperatorOutput() {
            Batch b = operatorOut;
            if (b.size == 0) return;
            for (ExecStage s : suffix) {
                b = s.run(b);
                if (b.size == 0) return;
            }
            dataflow.emit(output, b, core);
        }

        @Override public boolean onTick(long nowMillis) {
            if (dropped) return false;
            if (nowMillis < nextTick) return true;
            nextTick = nowMillis + operator.timerIntervalMillis();
            operatorOut.clear();
            operator.onProcessingTime(nowMillis, operatorOut);
            flushOperatorOutput();
            return true;
        }

        @Override public long intervalMillis() { return operator.timerIntervalMillis(); }
    }

    /** Rows routed here by key from another core. */
    static final class ExchangeBatch extends Message {
        final Pipeline pipeline;
        final Batch batch;
        final int fromCore;

        ExchangeBatch(Pipeline pipeline, Batch batch, int fromCore) {
            this.pipeline = pipeline;
            this.batch = batch;
            this.fromCore = fromCore;
        }

        @Override public void run(Core core) {
            if (!pipeline.dropped) pipeline.instances[core.id].receiveBatch(batch, fromCore, true);
        }
    }

    /**
     * A watermark or a checkpoint barrier from one producing core, behind every row that core routed here before it
     * ({@code value} is the watermark, or the barrier's epoch).
     */
    static final class ExchangeSignal extends Message {
        final Pipeline pipeline;
        final int fromCore;
        final long value;
        final boolean barrier;

        ExchangeSignal(Pipeline pipeline, int fromCore, long value, boolean barrier) {
            this.pipeline = pipeline;
            this.fromCore = fromCore;
            this.value = value;
            this.barrier = barrier;
        }

        @Override public void run(Core core) {
            if (pipeline.dropped) return;
            Instance i = pipeline.instances[core.id];
            if (barrier) i.receiveBarrier(value, fromCore);
            else i.receiveWatermark(value, fromCore);
        }
    }
}
