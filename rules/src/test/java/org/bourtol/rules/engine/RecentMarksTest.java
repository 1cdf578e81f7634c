package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentMarksTest {

    private final RecentMarks marks = new RecentMarks(Duration.ofMillis(100));

    @Test
    void aKeyIsWithinTheWindowUntilItHasPassed() {
        assertFalse(marks.within("a", 0));
        marks.mark("a", 1_000);
        assertTrue(marks.within("a", 1_000));
        assertTrue(marks.within("a", 1_099));
        assertFalse(marks.within("a", 1_100));
        marks.mark("a", 1_100);
        assertTrue(marks.within("a", 1_150), "a new mark starts a new window");
    }

    @Test
    void keysGoneQuietAreForgottenAtTheNextMarkHoweverManyWereMarked() {
        for (int i = 0; i < 10_000; i++) {
            marks.mark("key-" + i, i / 10); // ten keys a millisecond for a second
        }
        assertEquals(1_000, marks.size(), "only the last window's keys are kept");
        marks.mark("key-5", 2_000); // remarked: moves to the end
        marks.forget(2_050);
        assertEquals(1, marks.size());
        assertTrue(marks.within("key-5", 2_050));
        marks.forget(2_100);
        assertEquals(0, marks.size());
    }

    @Test
    void aRemarkedKeyIsNotForgottenWithItsFirstMark() {
        marks.mark("a", 0);
        marks.mark("b", 50);
        marks.mark("a", 90);
        marks.forget(160); // b's window has passed, a's has not
        assertFalse(marks.within("b", 160));
        assertTrue(marks.within("a", 160));
        assertEquals(1, marks.size());
    }
}
