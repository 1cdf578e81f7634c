package org.bourtol.rules.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.rules.api.Directories;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.zones.ZoneValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the default dataset on first start: when the zones directory is empty (after it was read to
 * the end), every default zone and rule is validated and published, attributed to "default-dataset".
 * Blocking; run it off the event loop.
 */
public final class Seeder {

    private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);
    public static final String ACTOR = "default-dataset";

    private Seeder() {
    }

    /** Returns the number of zones and rules published (0 when the directory already had zones). */
    public static int seedIfEmpty(Directories dirs, RuleValidator validator) throws Exception {
        if (!dirs.zones().isEmpty()) {
            LOG.info("zones directory not empty, default dataset not loaded [zones: {}]", dirs.zones().size());
            return 0;
        }
        List<Zone> zones = DefaultDataset.zones();
        Map<String, Zone> byId = new HashMap<>();
        zones.forEach(z -> byId.put(z.id(), z));
        List<String> problems = new ArrayList<>();
        zones.forEach(z -> problems.addAll(ZoneValidator.validate(z, id -> Optional.ofNullable(byId.get(id)))));
        List<RuleDocument> rules = new ArrayList<>();
        for (RuleDocument r : DefaultDataset.rules()) {
            List<String> p = validator.validate(r, id -> Optional.ofNullable(byId.get(id)));
            if (p.isEmpty()) {
                rules.add(new RuleDocument(r.id(), r.type(), r.enabled(), r.zones(), r.params(), r.seasons(), r.severity(),
                        r.description(), 1, ACTOR, Instant.now()));
            } else {
                LOG.warn("default rule not loaded [rule: {}, problems: {}]", r.id(), p);
            }
        }
        if (!problems.isEmpty()) {
            LOG.warn("default zones with problems loaded anyway [problems: {}]", problems);
        }
        List<Zone> ordered = new ArrayList<>(zones);
        ordered.sort(java.util.Comparator.comparingInt(z -> z.parent() == null ? 0 : byId.containsKey(z.parent())
                && byId.get(z.parent()).parent() != null ? 2 : 1));
        for (Zone z : ordered) {
            dirs.putZone(z, ACTOR).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        for (RuleDocument r : rules) {
            dirs.putRule(r, ACTOR).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        LOG.info("default dataset loaded [zones: {}, rules: {}]", zones.size(), rules.size());
        return zones.size() + rules.size();
    }
}
