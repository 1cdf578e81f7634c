package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link RulesEnv#behind}: whether the stream thread asking is catching up on readings, from the last one it took. */
class CatchingUpTest {

    private static final Duration LIMIT = Duration.ofMillis(200);
    private final RulesEnv env = new RulesEnv(Duration.ofHours(1), 0.5);

    @Test
    void aThreadThatHasTakenNoReadingIsNotBehind() {
        assertFalse(env.behind(1_000_000, LIMIT));
    }

    @Test
    void aReadingTakenSoonAfterIngestReceivedItKeepsTheThreadCurrent() {
        env.taking(Instant.ofEpochMilli(1_000_000), 1_000_150);
        assertFalse(env.behind(1_000_160, LIMIT));
    }

    @Test
    void aReadingThatWaitedLongerThanTheLimitMeansCatchingUpUntilTheThreadGoesQuiet() {
        env.taking(Instant.ofEpochMilli(1_000_000), 1_000_900); // waited 900 ms
        assertTrue(env.behind(1_000_900, LIMIT));
        assertTrue(env.behind(1_001_100, LIMIT), "within the limit of that reading");
        assertFalse(env.behind(1_001_101, LIMIT), "no reading since: an old backlog does not hold a later alert back");
        env.taking(Instant.ofEpochMilli(1_001_000), 1_001_050); // the backlog is gone
        assertFalse(env.behind(1_001_060, LIMIT));
    }

    @Test
    void anotherStreamThreadsBacklogIsItsOwn() throws Exception {
        CompletableFuture.runAsync(() -> env.taking(Instant.ofEpochMilli(1_000_000), 1_005_000)).get();
        assertFalse(env.behind(1_005_000, LIMIT), "this thread took no reading");
    }

    @Test
    void aClockAheadOfIngestsIsNotMistakenForABacklogWithinTheLimit() {
        // ingest's host 150 ms behind this one: every reading looks 150 ms older than it is
        env.taking(Instant.ofEpochMilli(1_000_000), 1_000_150 + 20);
        assertFalse(env.behind(1_000_180, LIMIT));
    }
}
