package org.bourtol.notifier.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;

/**
 * The zone tree from the zones directory ({@code parent} links): a farmland or water point lies in a
 * commune, a commune in a cercle or region. A subscription to a zone covers every zone below it.
 * Unknown parents and cycles end the chain; an unknown zone is its own only ancestor.
 */
public final class ZoneHierarchy {

    private static final List<ZoneKind> ADMIN_ORDER = List.of(ZoneKind.COMMUNE, ZoneKind.CERCLE, ZoneKind.REGION);

    private final Map<String, Zone> zones;

    public ZoneHierarchy(Map<String, Zone> zones) {
        this.zones = Map.copyOf(zones);
    }

    /** The tree of these zones, each under its id (the last of two with the same id counts). */
    public static ZoneHierarchy of(Collection<Zone> zones) {
        Map<String, Zone> byId = new HashMap<>();
        zones.forEach(z -> byId.put(z.id(), z));
        return new ZoneHierarchy(byId);
    }

    public Optional<Zone> zone(String id) {
        return Optional.ofNullable(zones.get(id));
    }

    /** The zone itself, then its parent, grandparent… (cycle-safe). */
    public List<String> ancestry(String zoneId) {
        Set<String> chain = new LinkedHashSet<>();
        String current = zoneId;
        while (current != null && chain.add(current)) {
            Zone z = zones.get(current);
            current = z == null ? null : z.parent();
        }
        return new ArrayList<>(chain);
    }

    /** True when a subscription to {@code subscribed} covers an event in {@code zoneId}. */
    public boolean covers(String subscribed, String zoneId) {
        return ancestry(zoneId).contains(subscribed);
    }

    /**
     * The nearest ancestor (or the zone itself) of the given administrative kind; when the tree has
     * no such level (the default dataset has no cercles), the next higher administrative level
     * (commune → cercle → region) is used, so "the authorities of the cercle" still reach someone.
     */
    public Optional<String> adminAncestor(String zoneId, ZoneKind kind) {
        int start = Math.max(0, ADMIN_ORDER.indexOf(kind));
        for (ZoneKind k : ADMIN_ORDER.subList(start, ADMIN_ORDER.size())) {
            for (String id : ancestry(zoneId)) {
                Zone z = zones.get(id);
                if (z != null && z.kind() == k) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /** Display name of a zone, or its id. */
    public String name(String zoneId) {
        Zone z = zones.get(zoneId);
        return z == null ? zoneId : z.name();
    }
}
