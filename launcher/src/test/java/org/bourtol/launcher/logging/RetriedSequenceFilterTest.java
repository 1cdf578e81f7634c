package org.bourtol.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

/** The broker's real messages against the filter, and the command's own logback.xml applying it to the terminal. */
class RetriedSequenceFilterTest {

    private static final String RETRIED = "Invalid sequence number for producer 5 at offset 3 in partition "
            + "bourtol-rules-gauge-rise-rate-state-changelog-1: 1 (incoming seq. number). Expected sequence 0 for "
            + "transactions v2 idempotent producer with no existing state.";
    private static final String GAP = "Out of order sequence number for producer 1674 at offset 548171 in partition "
            + "bourtol.alerts.v1-0: 51 (incoming seq. number), 49 (current end sequence number)";

    private final LoggerContext context = new LoggerContext();

    private FilterReply decide(String logger, Throwable t) {
        RetriedSequenceFilter filter = new RetriedSequenceFilter();
        filter.start();
        return filter.decide(new LoggingEvent(Logger.class.getName(), context.getLogger(logger), Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition p", t, null));
    }

    @Test
    void onlyTheRetriedRefusalOfTheBrokerIsDropped() {
        assertEquals(FilterReply.DENY, decide("kafka.server.ReplicaManager", new OutOfOrderSequenceException(RETRIED)));
        assertEquals(FilterReply.NEUTRAL, decide("kafka.server.ReplicaManager", new OutOfOrderSequenceException(GAP)),
                "a real sequence gap is shown");
        assertEquals(FilterReply.NEUTRAL, decide("kafka.log.UnifiedLog", new OutOfOrderSequenceException(RETRIED)));
        assertEquals(FilterReply.NEUTRAL, decide("kafka.server.ReplicaManager", new IllegalStateException(RETRIED)));
        assertEquals(FilterReply.NEUTRAL, decide("kafka.server.ReplicaManager", null));
    }

    @Test
    void theCommandsTerminalAppenderAppliesIt() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RetriedSequenceFilter.class.getResource("/logback.xml"));
        Appender<ILoggingEvent> console = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertTrue(console.getCopyOfAttachedFiltersList().stream().anyMatch(f -> f instanceof RetriedSequenceFilter),
                "logback.xml's CONSOLE appender has the filter");
        context.stop();
    }
}
