package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldKeysTest {

    /** An interval of 200 ms: a held update is due 25 ms early (a quarter of the 100 ms commit interval). */
    private final HeldKeys keys = new HeldKeys(Duration.ofMillis(200));
    private final List<String> sent = new ArrayList<>();

    private void send(String key, long now) {
        sent.add(key);
        keys.sent(key, now);
    }

    @Test
    void atACommitOnlyTheKeysWhoseIntervalHasPassedLessTheEarlyMarginSend() {
        keys.sent("a", 1_000);
        keys.sent("b", 1_100);
        keys.hold("a");
        keys.hold("b");
        keys.sendDue(1_170, key -> send(key, 1_170));
        assertEquals(List.of(), sent, "a went 170 ms ago: not due before 175");
        keys.sendDue(1_175, key -> send(key, 1_175));
        assertEquals(List.of("a"), sent);
        assertTrue(keys.waiting(), "b went 75 ms ago and keeps waiting");
        assertTrue(keys.lately("a", 1_374), "a's interval starts again at its send");
        assertFalse(keys.lately("a", 1_375));
        keys.sendDue(1_275, key -> send(key, 1_275));
        assertEquals(List.of("a", "b"), sent);
        assertFalse(keys.waiting());
    }

    @Test
    void aKeyThatSentOtherwiseWaitsNoMore() {
        keys.hold("a");
        keys.sent("a", 1_000); // a change of severity sent the held update with it
        assertFalse(keys.waiting());
        keys.sendDue(5_000, key -> send(key, 5_000));
        assertEquals(List.of(), sent);
    }

    @Test
    void aPunctuationSendsEveryHeldUpdateDueOrNot() {
        keys.sent("a", 1_000);
        keys.hold("a");
        keys.hold("b");
        assertTrue(keys.sendAll(1_010, key -> send(key, 1_010)));
        assertEquals(List.of("a", "b"), sent);
        assertFalse(keys.waiting());
        assertFalse(keys.sendAll(1_020, key -> send(key, 1_020)), "none held");
    }

    @Test
    void withoutAnIntervalNothingIsHeldBack() {
        HeldKeys none = new HeldKeys(Duration.ZERO);
        none.sent("a", 1_000);
        assertFalse(none.lately("a", 1_000));
    }

    @Test
    void aRestartedTaskForgetsEveryKey() {
        keys.sent("a", 1_000);
        keys.hold("b");
        keys.clear();
        assertFalse(keys.waiting());
        assertFalse(keys.lately("a", 1_001));
    }
}
