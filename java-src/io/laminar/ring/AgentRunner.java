package io.laminar.ring;

import java.util.function.Consumer;

/** Runs one {@link Agent} on a dedicated daemon thread until {@link #close()}. */
public final class AgentRunner implements AutoCloseable {
    private final Agent agent;
    private final Thread thread;
    private final IdleStrategy idle;
    private final Consumer<Throwable> errorHandler;
    private volatile boolean running = true;

    public AgentRunner(Agent agent, IdleStrategy idle, Consumer<Throwable> errorHandler) {
        this.agent = agent;
        this.idle = idle;
        this.errorHandler = errorHandler;
        this.thread = new Thread(this::run, "laminar-" + agent.roleName());
        thread.setDaemon(true);
    }

    public AgentRunner start() {
        thread.start();
        return this;
    }

    public Thread thread() { return thread; }

    private void run() {
        final Doze doze = agent.doze();
        boolean dozed = false;
        while (running) {
            int work;
            try {
                work = agent.doWork();
            } catch (Throwable t) {
                errorHandler.accept(t);
                work = 1;
            }
            // idle long enough: sleep until a producer wakes the thread (see Doze), not a park at a time; queued
            // work the agent leaves to its producer for now (Core's grace) makes it park as before, and so does a
            // wake-up that found nothing to do, so needless wake-ups cost no more than polling did
            if (work == 0 && doze != null && !dozed && idle.drowsy()) {
                dozed = doze.sleep(agent);
                if (dozed) continue;
            }
            dozed = false;
            idle.idle(work);
        }
        agent.onClose();
    }

    @Override public void close() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
