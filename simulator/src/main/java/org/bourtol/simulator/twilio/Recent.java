package org.bourtol.simulator.twilio;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The latest {@code capacity} items added, oldest first ({@link LocalTwilioServer}'s messages and requests); adding one
 * costs the same however many were added before. Thread-safe.
 */
final class Recent<T> {
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();

    Recent(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    synchronized List<T> list() {
        return List.copyOf(items);
    }

    synchronized void clear() {
        items.clear();
    }
}
