package org.bourtol.ingest.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.Reporter;

/**
 * The reporters by id and by pseudonym, fed by the reporters topic ({@link #apply}) and by this
 * instance's own acknowledged writes, so a PUT is readable at once. Thread-safe.
 */
public final class ReporterDirectory {

    private final Map<String, Reporter> byId = new ConcurrentHashMap<>();
    private final Map<String, Reporter> byPseudonym = new ConcurrentHashMap<>();

    /** A change from the topic or a local write; null removes. */
    public synchronized void apply(String id, Reporter value) {
        Reporter old = value == null ? byId.remove(id) : byId.put(id, value);
        if (old != null && old.pseudonym() != null) {
            byPseudonym.remove(old.pseudonym(), old);
        }
        if (value != null && value.pseudonym() != null) {
            byPseudonym.put(value.pseudonym(), value);
        }
    }

    public Optional<Reporter> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Reporter> byPseudonym(String pseudonym) {
        return Optional.ofNullable(byPseudonym.get(pseudonym));
    }

    public List<Reporter> all() {
        return byId.values().stream().sorted(Comparator.comparing(Reporter::id)).toList();
    }
}
