package org.bourtol.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option of the commands that print their own output ({@code demo}, {@code bench}): component INFO
 * lines and broker warnings would bury it, so they are quiet unless asked for or BOURTOL_LOG_LEVEL is set (a picocli mixin).
 */
final class ConsoleLogs {

    @Option(names = "--verbose", description = "Keep Bourtol's INFO log lines on the console (default: only the command's own output, warnings and errors)")
    boolean verbose;

    /** Quiets Bourtol's INFO lines and Kafka's warnings, unless {@code --verbose} or BOURTOL_LOG_LEVEL says otherwise. */
    void quietUnlessAsked() {
        if (verbose || System.getenv("BOURTOL_LOG_LEVEL") != null) {
            return;
        }
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.getLogger("org.bourtol").setLevel(Level.WARN);
        logs.getLogger("org.apache.kafka").setLevel(Level.ERROR);
        logs.getLogger("kafka").setLevel(Level.ERROR);
    }
}
