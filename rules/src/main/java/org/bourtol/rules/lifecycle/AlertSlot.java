package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;

/**
 * The lifecycle state of one (rule, zone): the current or last alert, its event count and the
 * sources (stations, herds, zones) currently firing with their level and severity.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources) {

    /** What one source last said while firing. */
    public record SourceFire(String level, Severity severity, Map<String, String> headline) {
    }

    public AlertSlot {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    public boolean active() {
        return alert != null && alert.active();
    }
}
