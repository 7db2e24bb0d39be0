package io.laminar.ring;

/** A unit of work driven by one thread: {@link #doWork()} returns how much it did (0 = idle). */
public interface Agent {
    int doWork();

    String roleName();

    default void onClose() {}

    /**
     * The agent's {@link Doze}, if its producers wake its thread after queueing (then an idle thread sleeps until
     * woken instead of polling); null (the default): the thread keeps polling at its idle strategy's longest park.
     */
    default Doze doze() { return null; }

    /**
     * How long the thread may sleep now: 0 when work is queued or due, else until its next timer (or
     * {@link Long#MAX_VALUE}). Called on the agent's thread after it announced it is dozing; read the queues
     * with volatile reads, so that a producer that queued before the announcement is seen here.
     */
    default long dozeNanos() { return 0; }
}
