package org.bourtol.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Captures every log line (INFO and above for org.bourtol, WARN for the rest) as formatted text. */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    public final List<String> lines = new CopyOnWriteArrayList<>();

    public static LogCapture install() {
        LogCapture c = new LogCapture();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        c.setContext(root.getLoggerContext());
        c.start();
        root.addAppender(c);
        ((Logger) LoggerFactory.getLogger("org.bourtol")).setLevel(Level.DEBUG);
        return c;
    }

    @Override
    protected void append(ILoggingEvent e) {
        lines.add(e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
}
