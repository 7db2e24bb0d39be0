package io.laminar.ring;

/** A unit of work driven by one thread: {@link #doWork()} returns how much it did (0 = idle). */
public interface Agent {
    int doWork();

    String roleName();

    default void onClose() {}
}
