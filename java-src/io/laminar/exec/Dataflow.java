package io.laminar.exec;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.Batch;
import io.laminar.plan.PhysicalPlan;
import io.laminar.ring.AgentRunner;
import io.laminar.ring.Core;
import io.laminar.ring.IdleStrategy;
import io.laminar.ring.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The data plane: Ring 0 cores, the Ring 1 delivery agent, the nodes (sources and streams) and the deployed
 * pipelines. The control plane ({@link io.laminar.engine.Database}) deploys and drops; cores move the data.
 */
public final class Dataflow implements AutoCloseable {
    final Core[] cores;
    private final List<AgentRunner> runners = new ArrayList<>();
    final Delivery delivery;
    private final AtomicLong inFlight = new AtomicLong();
    /** Consumers on a core's thread: while positive, idle cores yield instead of parking (microsecond wake-up). */
    private final java.util.concurrent.atomic.AtomicInteger coresAwake = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private int nextHome;
    /** Where barriers report (the checkpoint coordinator); null in a database without checkpoints. */
    volatile BarrierListener barrierListener;

    /** {@code inlineExecution}: whether producers run an idle core's work on their own thread ({@link Core}). */
    public Dataflow(int coreCount, boolean inlineExecution) {
        cores = new Core[coreCount];
        Consumer<Throwable> onError = this::fail;
        for (int i = 0; i < coreCount; i++) {
            cores[i] = new Core(i, inFlight, inlineExecution, onError);
            // with inline execution the producers run a core's work themselves, so an idle core thread parks even for
            // a latency-sensitive subscriber: yielding in a loop it would only take a CPU that the producer, the JIT
            // and the JVM's own threads need
            AgentRunner runner = new AgentRunner(cores[i], new IdleStrategy(1_000_000, inlineExecution ? null : coresAwake), onError);
            cores[i].setThread(runner.thread());
            runners.add(runner.start());
        }
        delivery = new Delivery(inFlight);
        runners.add(new AgentRunner(delivery, new IdleStrategy(1_000_000), onError).start());
    }

    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
        System.err.println("laminar: error on a worker thread: " + t);
    }

    /** The first error a worker thread hit, if any (rethrown by {@link #awaitIdle}). */
    public Throwable failure() { return failure.get(); }

    public int coreCount() { return cores.length; }

    public void setBarrierListener(BarrierListener listener) { this.barrierListener = listener; }

    /** Runs {@code task} on core {@code core}'s thread (state restore, operator close) and waits for it. */
    public void runOnCore(int core, Runnable task) {
        await(submitToCore(core, task), "core " + core);
    }

    /**
     * Queues {@code task} on core {@code core} and returns at once; the future completes when it ran. Lets the
     * control thread start work on every core before waiting for any (recovery restores all cores in parallel).
     */
    public java.util.concurrent.CompletableFuture<Void> submitToCore(int core, Runnable task) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        cores[core].offerExchange(new Message() {
            @Override public void run(Core c) {
                try {
                    task.run();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }
        });
        return done;
    }

    /** Runs {@code task} on the delivery thread, in order with the batches queued before it, and waits for it. */
    public void runOnDelivery(Runnable task) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        delivery.runTask(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        await(done, "the delivery thread");
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> done, String where) {
        try {
            done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new LaminarException(ErrorCode.INTERNAL, "a task on " + where + " failed: " + c, Map.of(), c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LaminarException(ErrorCode.TIMEOUT, "a task on " + where + " did not run within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaminarException(ErrorCode.INTERNAL, "interrupted while waiting for " + where);
        }
    }

    public Node node(String name) { return nodes.get(key(name)); }

    private static String key(String name) { return name.toLowerCase(java.util.Locale.ROOT); }

    /** A source node: its rows enter on one home core (round-robin across sources) so their order is kept. */
    public synchronized SourceRuntime addSource(String name, io.laminar.data.Schema schema, long watermarkDelay, int rowtime,
                                                Consumer<DeadLetter> deadLetters) {
        int home = nextHome++ % cores.length;
        Node node = new Node(name, schema, false, new int[] {home});
        nodes.put(key(name), node);
        sourceNodes.add(node);
        return new SourceRuntime(node, cores[home], watermarkDelay, rowtime, deadLetters, this);
    }

    /** Deploys a query: its output node, and one instance per core, then starts feeding it. */
    public synchronized Pipeline deploy(String name, PhysicalPlan plan, Node lateOutput) {
        return deploy(name, plan, lateOutput, io.laminar.state.StateBackend.HEAP);
    }

    /** Deploys a pipeline whose operator state lives in {@code backend}. */
    public synchronized Pipeline deploy(String name, PhysicalPlan plan, Node lateOutput, io.laminar.state.StateBackend backend) {
        List<Node> inputs = new ArrayList<>();
        for (io.laminar.plan.PhysicalInput in : plan.inputs()) {
            Node n = nodes.get(key(in.node()));
            if (n == null) throw new LaminarException(ErrorCode.OBJECT_NOT_FOUND, "no source or stream named " + in.node());
            inputs.add(n);
        }
        int[] producers = plan.isStateful() ? allCores() : inputs.get(0).producers;
        Node output = new Node(name, plan.outputSchema(), plan.updating(), producers);
        Pipeline p = new Pipeline(name, plan, inputs, output, lateOutput, this, backend);
        nodes.put(key(name), output);
        if (plan.isStateful() && p.instances[0].operator.timerIntervalMillis() > 0) {
            for (Pipeline.Instance inst : p.instances) {
                inst.core.offerExchange(new Message() {
                    @Override public void run(Core core) { core.addTimer(inst); }
                });
            }
        }
        for (Pipeline.Port port : p.ports) port.node.addReader(port);
        return p;
    }

    /** A node fed by pipelines' late rows (LATE DATA TO), with the schema of the source. */
    public synchronized Node lateNode(String name, io.laminar.data.Schema schema, int[] producers) {
        Node n = nodes.get(key(name));
        if (n != null) return n;
        n = new Node(name, schema, false, producers);
        nodes.put(key(name), n);
        return n;
    }

    private final java.util.Set<Node> sourceNodes = ConcurrentHashMap.newKeySet();

    boolean isSource(Node n) { return sourceNodes.contains(n); }

    public synchronized void drop(String name, Pipeline pipeline) {
        if (pipeline != null) {
            pipeline.dropped = true;
            for (Pipeline.Port port : pipeline.ports) port.node.removeReader(port);
            if (pipeline.isStateful()) {
                for (Pipeline.Instance inst : pipeline.instances) {
                    inst.core.offerExchange(new Message() { // on its own core: the operator is that thread's
                        @Override public void run(Core core) { inst.operator.close(); }
                    });
                }
            }
        }
        Node n = nodes.remove(key(name));
        if (n != null) {
            delivery.removeAll(n);
            // only subscriptions are left on a dropped node (its sinks were dropped first): they end with the stream
            for (Delivery.Consumer c : n.clearInline()) countAwake(c, -1);
        }
    }

    private int[] allCores() {
        int[] all = new int[cores.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return all;
    }

    /**
     * Registers a consumer outside Ring 0 (subscription, sink, materialized view) for a node's output: on the
     * delivery thread, or on the producing core when it asks to be and the node has one producer
     * ({@link #deliversOnCore}).
     */
    public void addConsumer(Node node, Delivery.Consumer consumer) {
        if (deliversOnCore(node, consumer)) {
            node.addInline(consumer);
            countAwake(consumer, 1);
            return;
        }
        delivery.add(node, consumer);
        node.external = true;
    }

    /** Whether {@code consumer} is (or would be) called on {@code node}'s producing core rather than on Ring 1. */
    public static boolean deliversOnCore(Node node, Delivery.Consumer consumer) {
        return consumer.onProducingCore() && (node.producers.length == 1 || consumer.concurrentCalls());
    }

    public void removeConsumer(Node node, Delivery.Consumer consumer) {
        if (node.removeInline(consumer)) {
            countAwake(consumer, -1);
            return;
        }
        node.external = delivery.remove(node, consumer);
    }

    /** On-core consumers that keep idle cores yielding (only consulted with inline execution off). */
    private void countAwake(Delivery.Consumer consumer, int delta) {
        if (consumer.keepsCoresAwake()) coresAwake.addAndGet(delta);
    }

    /**
     * Removes an on-core consumer and returns once no producing core can still be calling it (each has run a task
     * queued behind the removal; its owner runs one message at a time): then it may be closed. Not from a core's thread.
     */
    public void removeConsumerAndWait(Node node, Delivery.Consumer consumer) {
        boolean onCore = deliversOnCore(node, consumer);
        removeConsumer(node, consumer);
        if (!onCore) return;
        var passed = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        for (int p : node.producers) passed.add(submitToCore(p, () -> {}));
        for (var f : passed) await(f, "the cores producing " + node.name);
    }

    // ---- data path, called on core threads ----

    void emit(Node node, Batch batch, Core core) {
        for (Pipeline.Port p : node.readers) p.pipeline.instances[core.id].onInput(p.side, batch);
        Delivery.Consumer[] inline = node.inline;
        for (Delivery.Consumer c : inline) c.onBatch(batch);
        if (node.external) deliver(node, batch, core.id);
    }

    /** Sends {@code batch} to Ring 1: appended to the core's tail batch if the delivery thread has not taken it yet. */
    private void deliver(Node node, Batch batch, int core) {
        Delivery.BatchItem tail = node.tailBatch[core];
        if (tail != null && tail.batch().size + batch.size <= Node.TAIL_ROWS && tail.tryAdd()) {
            batch.appendTo(tail.batch());
            tail.doneAdding();
            return;
        }
        Delivery.BatchItem item = node.copyForDelivery(batch, core);
        item.sequence = ++node.published[core];
        node.tailBatch[core] = item;
        delivery.publishBatch(item);
    }

    /** Sends a watermark to Ring 1: written into the core's tail watermark if that one is still waiting behind the tail batch. */
    private void deliverWatermark(Node node, long watermark, int core) {
        Delivery.WatermarkItem tail = node.tailWatermark[core];
        Delivery.BatchItem rows = node.tailBatch[core];
        // only a watermark queued after every row sent so far may be raised: rows behind it would then be late
        if (tail != null && (rows == null || tail.sequence > rows.sequence) && tail.tryAdd()) {
            tail.watermark = watermark;
            tail.doneAdding();
            return;
        }
        Delivery.WatermarkItem item = new Delivery.WatermarkItem(node, watermark, core);
        item.sequence = ++node.published[core];
        node.tailWatermark[core] = item;
        delivery.publishWatermark(item);
    }

    void emitWatermark(Node node, long watermark, Core core) {
        for (Pipeline.Port p : node.readers) p.pipeline.instances[core.id].onInputWatermark(p.side, watermark);
        Delivery.Consumer[] inline = node.inline;
        boolean oneProducer = node.producers.length == 1; // one core's watermark is the node's only then
        for (Delivery.Consumer c : inline) if (oneProducer || !c.concurrentCalls()) c.onWatermark(watermark);
        // Ring 1 keeps the maximum per core anyway: only an advance is worth a message
        if (node.external && node.advancePublishedWatermark(core.id, watermark)) deliverWatermark(node, watermark, core.id);
    }

    /** Passes a checkpoint barrier on from {@code node} (on {@code core}): to its readers and to Ring 1. */
    void emitBarrier(Node node, long epoch, Core core) {
        if (!node.markBarrier(core.id, epoch)) return;
        for (Pipeline.Port p : node.readers) p.pipeline.instances[core.id].onInputBarrier(p.side, epoch);
        node.tailBatch[core.id] = null; // nothing sent after the barrier may join what was sent before it
        node.tailWatermark[core.id] = null;
        delivery.publishBarrier(node, epoch, core.id); // always: a consumer may attach between two cores' barriers
    }

    /**
     * Waits until every message sent so far has been processed by the cores and the delivery agent (writers must
     * have flushed). Rethrows a worker failure.
     */
    public void awaitIdle(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IdleStrategy idle = new IdleStrategy(1_000_000);
        while (inFlight.get() > 0) {
            Throwable t = failure.get();
            if (t != null) throw new LaminarException(ErrorCode.INTERNAL, "a worker failed: " + t, Map.of(), t);
            if (System.currentTimeMillis() > deadline) {
                throw new LaminarException(ErrorCode.TIMEOUT, "the dataflow did not become idle within " + timeoutMillis
                        + " ms (" + inFlight.get() + " messages in flight)");
            }
            idle.idle(0);
        }
        Throwable t = failure.get();
        if (t != null) throw new LaminarException(ErrorCode.INTERNAL, "a worker failed: " + t, Map.of(), t);
    }

    @Override public void close() {
        boolean everySealed = true;
        for (Core c : cores) {
            if (c.seal(5_000)) continue;
            everySealed = false;
            System.err.println("laminar: core " + c.id + " was still busy at close");
        }
        for (AgentRunner r : runners) r.close();
        delivery.closeConsumers();
        if (!everySealed) {
            // a thread may still be running a core's work, and with it on-core consumers (a node's producers are not
            // always all the cores that emit to it): closing one under it (a file sink mid-write) would be worse than
            // leaving it to the process's exit
            System.err.println("laminar: on-core consumers left open: a core was still busy");
            return;
        }
        for (Node n : nodes.values()) { // on-core sinks flush and close as the delivery thread's do
            for (Delivery.Consumer c : n.clearInline()) c.onClose();
        }
    }
}
