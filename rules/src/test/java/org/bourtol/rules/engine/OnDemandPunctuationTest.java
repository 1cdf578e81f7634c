package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

class OnDemandPunctuationTest {

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final List<Long> runs = new ArrayList<>();
    private boolean work;
    private final OnDemandPunctuation punctuation = new OnDemandPunctuation(context, Duration.ofMillis(100), now -> {
        runs.add(now);
        return work;
    });

    @Test
    void nothingIsScheduledUntilWorkIsRequested() {
        assertTrue(context.scheduledPunctuators().isEmpty());
        assertFalse(punctuation.scheduled());
    }

    @Test
    void requestsWhileScheduledScheduleOnce() {
        punctuation.request();
        punctuation.request();
        assertEquals(1, context.scheduledPunctuators().size());
        CapturedPunctuator p = context.scheduledPunctuators().get(0);
        assertEquals(Duration.ofMillis(100), p.getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, p.getType());
    }

    @Test
    void itRunsWhileThereIsWorkAndStopsAtTheFirstRunWithout() {
        punctuation.request();
        CapturedPunctuator p = context.scheduledPunctuators().get(0);
        work = true;
        p.getPunctuator().punctuate(100);
        assertFalse(p.cancelled());
        assertTrue(punctuation.scheduled());
        work = false;
        p.getPunctuator().punctuate(200);
        assertTrue(p.cancelled());
        assertFalse(punctuation.scheduled());
        assertEquals(List.of(100L, 200L), runs);
        punctuation.request();
        assertEquals(2, context.scheduledPunctuators().size(), "a new request schedules it again");
        assertFalse(context.scheduledPunctuators().get(1).cancelled());
    }
}
