package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;

/**
 * The lifecycle state of one (rule, zone): the current or last alert, its event count and the
 * sources (stations, herds, zones) currently firing with their level and severity. {@code held} is set
 * when an officer resolved the alert by hand while sources still fired: the severity it was closed at.
 * Until every source has cleared, firing at or below that severity raises nothing (a higher one raises a
 * new alert).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources, Severity held) {

    /** What one source last said while firing. */
    public record SourceFire(String level, Severity severity, Map<String, String> headline) {
    }

    public AlertSlot {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    public AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources) {
        this(alert, seq, sources, null);
    }

    public boolean active() {
        return alert != null && alert.active();
    }
}
