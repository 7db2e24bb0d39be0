package io.laminar.exec;

import io.laminar.data.Batch;
import io.laminar.operator.StreamOperator;
import io.laminar.plan.PhysicalInput;
import io.laminar.plan.PhysicalPlan;
import io.laminar.plan.PhysicalStage;
import io.laminar.ring.Core;
import io.laminar.ring.Message;
import io.laminar.state.KeyRow;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.SpscArrayQueue;

/**
 * One deployed pipeline of a continuous query: its plan, the nodes it reads (one per input side), the node it
 * feeds, and one {@link Instance} per core. An instance is touched only by its core's thread.
 *
 * <p>A stateful pipeline receives each input through the key exchange on channels numbered
 * {@code side * cores + producingCore}: the operator's watermark is the minimum over every channel that has a
 * producer, and a checkpoint barrier is aligned across all of them.
 */
public final class Pipeline {
    final String name;
    final PhysicalPlan plan;
    /** One per input, in the plan's order: side 0 is the first input (a join's left). */
    final Port[] ports;
    final Node output;
    final Node lateOutput;
    final Dataflow dataflow;
    final Instance[] instances;
    /** Exchange channels per side: one per core; channel {@code side * cores + core}. */
    final int cores;
    /** Input rows a join processes before its output is passed on (a row may join thousands). */
    static final int JOIN_SLICE = 16;
    volatile boolean dropped;
    final AtomicLong lateDropped = new AtomicLong();
    final AtomicLong lateRouted = new AtomicLong();

    final io.laminar.state.StateBackend backend;

    Pipeline(String name, PhysicalPlan plan, List<Node> inputs, Node output, Node lateOutput, Dataflow dataflow,
             io.laminar.state.StateBackend backend) {
        this.backend = backend;
        this.name = name;
        this.plan = plan;
        this.output = output;
        this.lateOutput = lateOutput;
        this.dataflow = dataflow;
        this.cores = dataflow.cores.length;
        this.ports = new Port[inputs.size()];
        for (int side = 0; side < ports.length; side++) {
            Node n = inputs.get(side);
            ports[side] = new Port(this, side, n, n.producers.length == 1 && dataflow.isSource(n));
        }
        this.instances = new Instance[cores];
        for (int c = 0; c < cores; c++) instances[c] = new Instance(dataflow.cores[c]);
    }

    /**
     * An input of a pipeline as the node it reads sees it: rows of {@code node} enter the pipeline on {@code side}.
     * A self-join reads one node on two ports.
     */
    public static final class Port {
        final Pipeline pipeline;
        final int side;
        final Node node;
        /** The node is a source: rows later than the plan's lateness are dropped or routed here. */
        final boolean readsSource;

        Port(Pipeline pipeline, int side, Node node, boolean readsSource) {
            this.pipeline = pipeline;
            this.side = side;
            this.node = node;
            this.readsSource = readsSource;
        }

        public Pipeline pipeline() { return pipeline; }
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
        final ExecStage[][] prefix;   // per side
        final ExecStage[] suffix;
        final StreamOperator operator;
        final Batch operatorOut;
        final Batch[] onTime;         // per side reading a source: the rows within the allowed lateness
        final Batch lateRows;
        final KeyRow[] routeKey;      // per side
        final Batch[][] parts;        // per side, per target core
        /** Per target core: the rows of the batch being routed that go there ({@link #route}), and how many. */
        int[][] routedRows;
        final int[] routedCounts;
        /** Per side, per target core: the messages that carry routed rows there and come back once processed. */
        final SpscArrayQueue<ExchangeBatch>[][] exchangePool;
        final long[] channelWatermarks;
        /** Channels that carry a producer (a core producing that side's node): barriers must arrive on each. */
        final int producerChannels;
        long operatorWatermark = Long.MIN_VALUE;
        long nextTick;
        // barrier alignment: a channel that delivered the barrier is blocked until all have
        final boolean[] blocked;
        int blockedCount;
        java.util.ArrayDeque<Message> held;
        Batch[] slice; // per side: a join's input fed in slices of JOIN_SLICE rows
        final boolean slicesInput; // a join (not a UNION ALL, whose output is its input)
        final int[][] exchangeKeys;  // per side, null where rows stay on their core

        Instance(Core core) {
            this.core = core;
            int sides = ports.length;
            this.prefix = new ExecStage[sides][];
            this.onTime = new Batch[sides];
            for (int side = 0; side < sides; side++) {
                PhysicalInput in = plan.inputs().get(side);
                prefix[side] = in.prefix().stream().map(PhysicalStage::instantiate).toArray(ExecStage[]::new);
                if (ports[side].readsSource) onTime[side] = new Batch(ports[side].node.schema, 64);
            }
            this.suffix = plan.suffix().stream().map(PhysicalStage::instantiate).toArray(ExecStage[]::new);
            this.lateRows = ports[0].readsSource && lateOutput != null ? new Batch(ports[0].node.schema, 16) : null;
            if (plan.isStateful()) {
                operator = plan.operator().instantiate(backend, name + "@core" + core.id);
                slicesInput = operator instanceof io.laminar.operator.join.JoinOperator;
                exchangeKeys = new int[sides][];
                for (int side = 0; side < sides; side++) exchangeKeys[side] = plan.inputs().get(side).exchangeKeys();
                operatorOut = new Batch(operator.outputSchema(), 256);
                routeKey = new KeyRow[sides];
                parts = new Batch[sides][];
                routedRows = new int[cores][64];
                routedCounts = new int[cores];
                exchangePool = newPoolTable(sides);
                channelWatermarks = new long[sides * cores];
                Arrays.fill(channelWatermarks, Long.MAX_VALUE); // cores that never produce an input don't hold it back
                int producing = 0;
                for (int side = 0; side < sides; side++) {
                    PhysicalInput in = plan.inputs().get(side);
                    io.laminar.data.Schema routed = in.routedSchema();
                    if (in.exchangeKeys() != null) {
                        routeKey[side] = new KeyRow(KeyRow.storageOf(routed, in.exchangeKeys()));
                        parts[side] = new Batch[cores];
                        for (int c = 0; c < cores; c++) parts[side][c] = new Batch(routed, 64);
                        exchangePool[side] = newPools(cores);
                    }
                    for (int p : ports[side].node.producers) {
                        channelWatermarks[side * cores + p] = Long.MIN_VALUE;
                        producing++;
                    }
                }
                producerChannels = producing;
                blocked = new boolean[sides * cores];
            } else {
                operator = null;
                slicesInput = false;
                exchangeKeys = null;
                blocked = null;
                operatorOut = null;
                routeKey = null;
                parts = null;
                routedCounts = null;
                exchangePool = null;
                channelWatermarks = null;
                producerChannels = 0;
            }
        }

        /** A batch of input {@code side}'s node arrived on this core. */
        void onInput(int side, Batch batch) {
            Batch b = batch;
            if (ports[side].readsSource && batch.maxLateness > plan.lateness()) b = dropLateRows(side, batch);
            for (ExecStage s : prefix[side]) {
                if (b.size == 0) return;
                b = s.run(b);
            }
            if (b.size == 0) return;
            if (operator == null) {
                dataflow.emit(output, b, core);
            } else {
                route(side, b);
            }
        }

        /** Rows later than this query's allowed lateness: to LATE DATA TO, or dropped and counted. */
        private Batch dropLateRows(int side, Batch batch) {
            Batch keep = onTime[side];
            keep.clear();
            Batch late = side == 0 ? lateRows : null;
            if (late != null) late.clear();
            long allowed = plan.lateness();
            long dropped = 0;
            for (int r = 0; r < batch.size; r++) {
                if (batch.lateness[r] <= allowed) {
                    keep.appendRow(batch, r, batch.ops[r]);
                } else if (late != null) {
                    late.appendRow(batch, r, batch.ops[r]);
                } else {
                    dropped++;
                }
            }
            if (dropped > 0) lateDropped.addAndGet(dropped);
            if (late != null && late.size > 0) {
                lateRouted.addAndGet(late.size);
                dataflow.emit(lateOutput, late, core);
            }
            return keep;
        }

        private void route(int side, Batch b) {
            int base = side * cores;
            int[] keys = exchangeKeys[side];
            if (cores == 1 || keys == null) { // one core, or rows that stay where they are (UNION ALL)
                receiveBatch(b, base + core.id, false);
                return;
            }
            Batch[] out = parts[side];
            KeyRow probe = routeKey[side];
            int[][] rows = routedRows;
            if (rows[0].length < b.size) rows = routedRows = newRowLists(Math.max(b.size, 2 * rows[0].length));
            final int[] counts = routedCounts;
            Arrays.fill(counts, 0);
            // where each row goes first, in a loop of its own: it is short, so the cache misses of many rows' key
            // values (a hash read from a string not seen lately) are in flight together; then each target's rows
            // are copied column by column
            for (int r = 0; r < b.size; r++) {
                int target = (probe.load(b, keys, r).hashCode() & Integer.MAX_VALUE) % cores;
                rows[target][counts[target]++] = r;
            }
            for (int t = 0; t < cores; t++) {
                out[t].clear();
                out[t].appendRows(b, rows[t], counts[t]);
            }
            for (int t = 0; t < cores; t++) {
                if (out[t].size == 0) continue;
                if (t == core.id) {
                    receiveBatch(out[t], base + core.id, false);
                } else { // the filled batch travels; an empty one from the pool takes its place here
                    SpscArrayQueue<ExchangeBatch> pool = exchangePool[side][t];
                    ExchangeBatch m = pool.poll();
                    if (m == null) m = new ExchangeBatch(Pipeline.this, new Batch(out[t].schema, out[t].capacity()), base + core.id, pool);
                    Batch filled = out[t];
                    out[t] = m.batch;
                    m.batch = filled;
                    sendTo(t, m);
                }
            }
        }

        private int[][] newRowLists(int rows) {
            int[][] lists = new int[cores][];
            for (int t = 0; t < cores; t++) lists[t] = new int[rows];
            return lists;
        }

        /** Input {@code side}'s watermark advanced on this core (from the producer running here). */
        void onInputWatermark(int side, long watermark) {
            if (operator == null) {
                dataflow.emitWatermark(output, watermark, core);
                return;
            }
            int channel = side * cores + core.id;
            for (int t = 0; t < instances.length; t++) {
                if (t == core.id) receiveWatermark(watermark, channel);
                else sendTo(t, new ExchangeSignal(Pipeline.this, channel, watermark, false));
            }
        }

        /**
         * Queues {@code m} for core {@code t}; with inline execution, if nobody runs that core this thread runs its
         * work now (caller-runs, as a producer helps its home core), else {@code t}'s own thread takes it.
         */
        private void sendTo(int t, Message m) {
            Core target = instances[t].core;
            target.offerExchangeAndHelp(m);
        }

        /** Input {@code side}'s checkpoint barrier reached this core: pass it on, through the exchange when stateful. */
        void onInputBarrier(int side, long epoch) {
            if (operator == null) {
                dataflow.emitBarrier(output, epoch, core);
                if (lateOutput != null) dataflow.emitBarrier(lateOutput, epoch, core);
                return;
            }
            if (lateOutput != null) dataflow.emitBarrier(lateOutput, epoch, core);
            int channel = side * cores + core.id;
            for (int t = 0; t < instances.length; t++) {
                if (t == core.id) receiveBarrier(epoch, channel);
                else instances[t].core.offerExchange(new ExchangeSignal(Pipeline.this, channel, epoch, true));
            }
        }

        // ---- exchange receivers: hold input from channels that are past the barrier being aligned

        /** Returns true when the batch was held back (barrier alignment) rather than processed. */
        boolean receiveBatch(Batch b, int channel, boolean owned) {
            if (blockedCount > 0 && blocked[channel]) {
                hold(new ExchangeBatch(Pipeline.this, owned ? b : b.copy(), channel, null));
                return true;
            }
            onExchanged(channel / cores, b);
            return false;
        }

        void receiveWatermark(long watermark, int channel) {
            if (blockedCount > 0 && blocked[channel]) {
                hold(new ExchangeSignal(Pipeline.this, channel, watermark, false));
                return;
            }
            onExchangedWatermark(watermark, channel);
        }

        void receiveBarrier(long epoch, int channel) {
            if (blocked[channel]) { // the next epoch's barrier, while this one is still aligning
                hold(new ExchangeSignal(Pipeline.this, channel, epoch, true));
                return;
            }
            blocked[channel] = true;
            blockedCount++;
            if (blockedCount == producerChannels) aligned(epoch);
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
                        + " input channels (inputs x cores), this database has " + channelWatermarks.length);
            }
            for (int i = 0; i < n; i++) channelWatermarks[i] = in.readLong();
            operatorWatermark = in.readLong();
            operator.restore(in);
            java.util.Arrays.fill(blocked, false);
            blockedCount = 0;
            held = null;
        }

        void onExchanged(int side, Batch b) {
            if (slicesInput && b.size > JOIN_SLICE) { // one row may join many: keep the output batch bounded
                if (slice == null) slice = new Batch[ports.length];
                if (slice[side] == null) slice[side] = new Batch(b.schema, JOIN_SLICE);
                Batch part = slice[side];
                for (int from = 0; from < b.size; from += JOIN_SLICE) {
                    part.clear();
                    for (int r = from; r < Math.min(b.size, from + JOIN_SLICE); r++) part.appendRow(b, r, b.ops[r]);
                    operatorOut.clear();
                    operator.process(side, part, operatorOut);
                    flushOperatorOutput();
                }
                return;
            }
            operatorOut.clear();
            operator.process(side, b, operatorOut);
            flushOperatorOutput();
        }

        void onExchangedWatermark(long watermark, int channel) {
            if (watermark > channelWatermarks[channel]) channelWatermarks[channel] = watermark;
            long min = Long.MAX_VALUE;
            for (long w : channelWatermarks) min = Math.min(min, w);
            if (min <= operatorWatermark) return;
            operatorWatermark = min;
            operatorOut.clear();
            operator.onWatermark(min, operatorOut);
            flushOperatorOutput();
            dataflow.emitWatermark(output, operator.outputWatermark(min), core);
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

    @SuppressWarnings("unchecked")
    private static SpscArrayQueue<ExchangeBatch>[][] newPoolTable(int sides) {
        return (SpscArrayQueue<ExchangeBatch>[][]) new SpscArrayQueue<?>[sides][];
    }

    private static SpscArrayQueue<ExchangeBatch>[] newPools(int cores) {
        @SuppressWarnings("unchecked")
        var pools = (SpscArrayQueue<ExchangeBatch>[]) new SpscArrayQueue<?>[cores];
        for (int c = 0; c < cores; c++) pools[c] = new SpscArrayQueue<>(EXCHANGE_POOL);
        return pools;
    }

    /**
     * Routed batches per (side, target core) that circulate; more in flight are made and dropped on return. Pooled
     * batches keep the capacity they grew to (a connector's 1,024 rows at most, times cores² pools).
     */
    static final int EXCHANGE_POOL = 16;

    /**
     * Rows routed here by key from another core ({@code channel}: the input side and the producing core). Pooled:
     * once the rows went through the operator (which copies what it keeps) the message and its batch go back to the
     * sending instance's {@code pool} (single producer: this core's owner; single consumer: the sender's).
     */
    static final class ExchangeBatch extends Message {
        final Pipeline pipeline;
        final SpscArrayQueue<ExchangeBatch> pool;
        final int channel;
        Batch batch;

        ExchangeBatch(Pipeline pipeline, Batch batch, int channel, SpscArrayQueue<ExchangeBatch> pool) {
            this.pipeline = pipeline;
            this.batch = batch;
            this.channel = channel;
            this.pool = pool;
        }

        @Override public void run(Core core) {
            if (pipeline.dropped) return;
            boolean held = pipeline.instances[core.id].receiveBatch(batch, channel, true);
            if (!held && pool != null) {
                batch.clear();
                pool.offer(this); // a full pool drops the extra message made while every pooled one was out
            }
        }
    }

    /**
     * A watermark or a checkpoint barrier from one channel (input side, producing core), behind every row that
     * channel routed here before it ({@code value} is the watermark, or the barrier's epoch).
     */
    static final class ExchangeSignal extends Message {
        final Pipeline pipeline;
        final int channel;
        final long value;
        final boolean barrier;

        ExchangeSignal(Pipeline pipeline, int channel, long value, boolean barrier) {
            this.pipeline = pipeline;
            this.channel = channel;
            this.value = value;
            this.barrier = barrier;
        }

        @Override public void run(Core core) {
            if (pipeline.dropped) return;
            Instance i = pipeline.instances[core.id];
            if (barrier) i.receiveBarrier(value, channel);
            else i.receiveWatermark(value, channel);
        }
    }
}
