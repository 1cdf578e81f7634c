package org.bourtol.simulator.publish;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A live status line on a terminal (rewritten in place with a carriage return), or a plain line every
 * five seconds when the output is not a terminal (CI logs, pipes). Console class: writes to the given stream.
 */
public final class ProgressLine implements Consumer<Player.Status> {

    private final PrintStream out;
    private final boolean terminal;
    private final IntSupplier alerts;
    private long last;

    public ProgressLine(PrintStream out, boolean terminal, IntSupplier alerts) {
        this.out = out;
        this.terminal = terminal;
        this.alerts = alerts;
    }

    @Override
    public synchronized void accept(Player.Status s) {
        long now = System.nanoTime();
        if (now - last < (terminal ? 200_000_000L : 5_000_000_000L)) {
            return;
        }
        last = now;
        String line = String.format(Locale.ROOT, "[%s] %s  %d/%d messages  %d alert events", s.phase(),
                s.simTime().toString().substring(0, 16).replace('T', ' '), s.sent(), s.total(), alerts.getAsInt());
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the status line so that the next output starts on a fresh line. */
    public synchronized void clear() {
        if (terminal) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }
}
