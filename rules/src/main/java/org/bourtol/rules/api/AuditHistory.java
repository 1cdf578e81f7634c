package org.bourtol.rules.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.directory.AuditEntry;

/** Every audit entry for rules and zones, in topic order, fed by a reader of {@code bourtol.audit.v1}. */
public final class AuditHistory {

    private final Map<String, List<AuditEntry>> byKey = new ConcurrentHashMap<>();

    public void add(String key, AuditEntry entry) {
        if (key != null && entry != null && ("rule".equals(entry.entity()) || "zone".equals(entry.entity()))) {
            byKey.compute(key, (k, list) -> {
                List<AuditEntry> l = list == null ? new ArrayList<>() : new ArrayList<>(list);
                l.add(entry);
                return List.copyOf(l);
            });
        }
    }

    public List<AuditEntry> of(String entity, String id) {
        return byKey.getOrDefault(entity + "/" + id, List.of());
    }
}
