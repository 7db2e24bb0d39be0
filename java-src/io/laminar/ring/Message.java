package io.laminar.ring;

/**
 * Work handed to a core through one of its rings. A message carries its own action (command pattern), so the core
 * loop is a plain drain-and-run with no type switch; the action runs on the core thread.
 */
public abstract class Message {
    public abstract void run(Core core);
}
