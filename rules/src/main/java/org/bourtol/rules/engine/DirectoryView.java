package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.rules.zones.ZoneIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream task's cached view of the global zone and rule stores: the zone index and the parsed
 * rules of one family, rebuilt when {@link RulesEnv} reports a change (or on first use, which covers
 * global stores restored at startup without passing through their processor).
 */
public final class DirectoryView {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryView.class);

    private final RulesEnv env;
    private final KeyValueStore<String, Zone> zoneStore;
    private final KeyValueStore<String, RuleDocument> ruleStore;
    private final Set<String> warned = new HashSet<>();
    private long zonesBuilt = -1;
    private long rulesBuilt = -1;
    private ZoneIndex zones = ZoneIndex.EMPTY;
    private final Map<String, List<CompiledRule<?>>> rulesByType = new HashMap<>();

    public DirectoryView(ProcessorContext<?, ?> context, RulesEnv env) {
        this.env = env;
        this.zoneStore = context.getStateStore(RulesEnv.ZONES_STORE);
        this.ruleStore = context.getStateStore(RulesEnv.RULES_STORE);
    }

    public ZoneIndex zones() {
        if (zonesBuilt != env.zonesVersion()) {
            zonesBuilt = env.zonesVersion();
            Map<String, Zone> all = new HashMap<>();
            try (KeyValueIterator<String, Zone> it = zoneStore.all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
            zones = new ZoneIndex(all, zones);
        }
        return zones;
    }

    /** The enabled, parseable rules of {@code family}. */
    @SuppressWarnings("unchecked")
    public <P> List<CompiledRule<P>> rules(Family<P, ?> family) {
        if (rulesBuilt != env.rulesVersion()) {
            rulesBuilt = env.rulesVersion();
            rulesByType.clear();
        }
        List<CompiledRule<?>> rules = rulesByType.get(family.type());
        if (rules == null) { // not computeIfAbsent: its lambda, capturing the family, was built at every call (every reading)
            rules = compile(family);
            rulesByType.put(family.type(), rules);
        }
        return (List<CompiledRule<P>>) (List<?>) rules;
    }

    private <P> List<CompiledRule<?>> compile(Family<P, ?> family) {
        List<CompiledRule<?>> out = new ArrayList<>();
        try (KeyValueIterator<String, RuleDocument> it = ruleStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, RuleDocument> kv = it.next();
                RuleDocument doc = kv.value;
                if (doc == null || !doc.enabled() || !family.type().equals(doc.type())) {
                    continue;
                }
                try {
                    out.add(compile(family, doc));
                } catch (RuntimeException e) {
                    if (warned.add(doc.id() + "@" + doc.version())) {
                        LOG.warn("rule skipped, invalid [rule: {}, reason: {}]", doc.id(), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Parses a stored rule. The API refuses unknown parameters, but a rule stored before that check keeps
     * running without them (logged once) rather than being dropped: a rule that stops alerting is worse.
     */
    private <P> CompiledRule<P> compile(Family<P, ?> family, RuleDocument doc) {
        try {
            return new CompiledRule<>(doc, family.parse(doc));
        } catch (RuleProblems e) {
            if (!e.onlyUnknownParams()) {
                throw e;
            }
            if (warned.add(doc.id() + "@" + doc.version() + "/params")) {
                LOG.warn("rule evaluated without its unknown parameters [rule: {}, ignored: {}]", doc.id(), e.unknownParams());
            }
            ObjectNode known = doc.params().deepCopy();
            known.remove(e.unknownParams());
            RuleDocument stripped = new RuleDocument(doc.id(), doc.type(), doc.enabled(), doc.zones(), known, doc.seasons(),
                    doc.severity(), doc.description(), doc.version(), doc.updatedBy(), doc.updatedAt());
            return new CompiledRule<>(doc, family.parse(stripped));
        }
    }
}
