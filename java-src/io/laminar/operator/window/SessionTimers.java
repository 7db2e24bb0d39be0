package io.laminar.operator.window;

import io.laminar.state.KeyRow;
import java.util.List;
import java.util.PriorityQueue;

/**
 * When the sessions of a session operator come due: a queue of timers ordered by end, one per session, made when
 * the session opens (or its start moves earlier) and naming it by key and start. A row that only extends a
 * session's end touches no timer: when the timer comes due before the session really ends, the operator
 * {@link #requeue}s the same object at the session's current end — so a steady stream allocates nothing per row.
 * A timer whose session was swallowed by a merge finds no session with its start and is dropped; a duplicate
 * timer for one session is harmless (the first to come due after the end closes it, the other then finds nothing).
 * Not thread-safe: owned by the operator's core.
 */
final class SessionTimers {
    /** Due at {@code end}; names the session of {@code key} that starts at {@code start}. */
    static final class Timer {
        long end;
        final long start;
        final KeyRow key;

        private Timer(long end, long start, KeyRow key) {
            this.end = end;
            this.start = start;
            this.key = key;
        }
    }

    /** A session's bounds, {@code [start, end)} with a row at {@code end} still joining: what timers look at. */
    abstract static class Span {
        long start;
        long end;

        Span(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> Long.compare(a.end, b.end));

    /** Arms a timer for the session of {@code key} (the stored key, never a probe) starting at {@code start}. */
    void add(long end, long start, KeyRow key) {
        queue.add(new Timer(end, start, key));
    }

    /** Removes and returns the earliest timer due before {@code upTo}, or null when none is. */
    Timer pollDueBefore(long upTo) {
        Timer t = queue.peek();
        return t != null && t.end < upTo ? queue.poll() : null;
    }

    /** Puts a polled timer back, due at {@code end} (its session's current end). */
    private void requeue(Timer t, long end) {
        t.end = end;
        queue.add(t);
    }

    /**
     * For a polled timer {@code t} and the current sessions of its key: the index of the session that closes now,
     * or -1 when none does — its session was swallowed by a merge (the timer is dropped), or was extended to
     * {@code upTo} or beyond (the timer is re-queued at the session's end; a row at exactly the end may still join).
     */
    int closingIndex(Timer t, List<? extends Span> sessions, long upTo) {
        for (int i = 0; i < sessions.size(); i++) {
            Span s = sessions.get(i);
            if (s.start != t.start) continue;
            if (s.end < upTo) return i;
            requeue(t, s.end);
            return -1;
        }
        return -1;
    }

    void clear() { queue.clear(); }
}
