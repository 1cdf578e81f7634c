package org.bourtol.rules.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
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
 * {@code unpublished}, when set, is the event time of an UPDATED step of {@code alert} (at {@code seq}) that is not
 * published yet: a hot alert's updates are published at most once per {@code rules.updateInterval}, and a slot that
 * survives a restart with it still set is published then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources, Severity held, Set<String> heldSources,
        Instant unpublished) {

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

    public AlertSlot(Alert alert, int seq, Map<String, SourceFire> sources, Severity held, Set<String> heldSources) {
        this(alert, seq, sources, held, heldSources, null);
    }

    /** This slot with its alert's current step published ({@code null}) or waiting to be (its event time). */
    public AlertSlot withUnpublished(Instant at) {
        return new AlertSlot(alert, seq, sources, held, heldSources, at);
    }

    /** The sources the resolve holds: {@link #heldSources}, or every source for a slot written before it existed. */
    Set<String> holding() {
        return heldSources != null ? heldSources : sources.keySet();
    }

    public boolean active() {
        return alert != null && alert.active();
    }
}
