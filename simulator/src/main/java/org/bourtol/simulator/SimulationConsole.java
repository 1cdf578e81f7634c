package org.bourtol.simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.simulator.publish.ProgressLine;
import org.bourtol.simulator.scenario.Timeline;
import org.bourtol.simulator.truth.Report;

/**
 * The console side of {@code bourtol simulate} and {@code bourtol demo}: prints alerts as they fire
 * (time, zone, severity, headline), the notifications sent, a progress line, and the final table;
 * writes the JSON report when asked. Console class: writes to the given stream.
 */
public final class SimulationConsole {

    private SimulationConsole() {
    }

    public static Report play(PrintStream out, Timeline t, Simulation.Target target, double speed, Duration smsGap,
                              Duration settle, boolean terminal, Path json)
            throws Exception {
        AtomicInteger alertEvents = new AtomicInteger();
        ProgressLine progress = new ProgressLine(out, terminal, alertEvents::get);
        out.printf(Locale.ROOT, "Playing %s (seed %d): %d messages, season %s..%s, speed %s; %d ground-truth events%n",
                t.name(), t.seed(), t.emissions().size(), t.start().toString().substring(0, 10),
                t.end().minusSeconds(1).toString().substring(0, 10), speed > 0 ? String.format(Locale.ROOT, "%.0fx", speed) : "max",
                t.truth().size());
        Report report = Simulation.run(t, target, speed, smsGap, settle, progress, e -> {
            alertEvents.incrementAndGet();
            if (e.type() == AlertEventType.RAISED || e.type() == AlertEventType.RESOLVED
                    || e.type() == AlertEventType.ESCALATED || e.type() == AlertEventType.ACKNOWLEDGED) {
                synchronized (out) {
                    progress.clear();
                    out.println(alertLine(e));
                }
            }
        }, d -> {
            if (d.status() == DeliveryStatus.SENT) {
                synchronized (out) {
                    progress.clear();
                    out.println(deliveryLine(d));
                }
            }
        });
        progress.clear();
        out.println();
        out.print(report.toTable());
        if (json != null) {
            Files.writeString(json, report.toJson());
            out.println("JSON report: " + json.toAbsolutePath());
        }
        return report;
    }

    static String alertLine(AlertEvent e) {
        Alert a = e.alert();
        String headline = a.headline().getOrDefault("fr", a.headline().getOrDefault("en", a.rule()));
        return String.format(Locale.ROOT, "%s  %-12s %-8s %-22s %s  [%s, code %s]", e.at().toString().substring(0, 16).replace('T', ' '),
                e.type(), a.severity(), a.zone(), headline, a.rule(), a.code());
    }

    static String deliveryLine(Delivery d) {
        return String.format(Locale.ROOT, "                  -> %s to %s (%s)%s", d.step() == null ? "SMS" : d.step(), d.recipientId(),
                d.to() == null ? "" : d.to(), d.segments() == null ? "" : ", " + d.segments() + " segment(s)");
    }
}
