package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;

/**
 * The lifecycle state of one (rule, zone): the current or last alert, its event count and the
 * sources (stations, herds, zones) currently firing with their level and severity. {@code held} is set
 * when an officer resolved the alert by hand while sources still fired: the severity it was closed at;
 * {@code heldSources} are those sources. Until they have cleared, they raise nothing by firing at or below that
 * severity (above it, a new alert); a source that starts firing after the resolve raises a new alert as usual.
 * A slot written before {@code heldSources} existed (null) holds every source it has, as it did then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources, Severity held, Set<String> heldSources) {

    /** What one source last said while firing. */
    public record SourceFire(String level, Severity severity, Map<String, String> headline) {
    }

    public AlertSlot {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        heldSources = heldSources == null ? null : Set.copyOf(heldSources);
    }

    public AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources) {
        this(alert, seq, sources, null, null);
    }

    /** The sources the resolve holds: {@link #heldSources}, or every source for a slot written before it existed. */
    Set<String> holding() {
        return heldSources != null ? heldSources : sources.keySet();
    }

    public boolean active() {
        return alert != null && alert.active();
    }
}
