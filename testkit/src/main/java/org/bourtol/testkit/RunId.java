package org.bourtol.testkit;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A short random marker that tells one test run's records apart from the rest of a shared topic. It is
 * made of letters only: a digit-only marker (1 UUID prefix in 40) looks like a phone number and is
 * masked by the privacy filters, and the test then never finds its own record.
 */
public final class RunId {

    private RunId() {
    }

    public static String next() {
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
