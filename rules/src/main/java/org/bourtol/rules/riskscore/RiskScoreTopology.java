package org.bourtol.rules.riskscore;

import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.JsonSerde;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.DirectoryProcessor;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.engine.WriteBehindStore;
import org.bourtol.rules.reports.ReportWindowRule;

/**
 * Wires {@code conflict-risk-score} on the signal funnel (one partition, ahead of the lifecycle): each
 * conflict signal is mapped to its zone's commune (or the zone itself) and scored by every risk rule
 * naming that commune; store {@code conflict-risk-score-state} ("rule|commune" → state). An
 * {@code unconfirmed} report alert (one unverified reporter) does not count until it is confirmed.
 */
public final class RiskScoreTopology {

    private static final String STORE = RiskScoreFamily.TYPE + "-state";

    private RiskScoreTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Signal> signals, RulesEnv env) {
        StoreBuilder<KeyValueStore<String, RiskScoreRule.State>> sb = env.store(WriteBehindStore.of(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(RiskScoreRule.State.class))));
        return signals.process(new ProcessorSupplier<String, Signal, String, Signal>() {
            @Override
            public Processor<String, Signal, String, Signal> get() {
                return new Score(env);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(sb);
            }
        }, Named.as("conflict-risk-score-evaluate"));
    }

    /** A firing indicator counts unless it is a report to confirm (one unverified reporter alone). */
    static boolean counts(Signal s) {
        return s.fire() && !ReportWindowRule.UNCONFIRMED.equals(s.level());
    }

    private static final class Score extends DirectoryProcessor<String, Signal, String, Signal> {
        private final RiskScoreFamily family = new RiskScoreFamily();
        private KeyValueStore<String, RiskScoreRule.State> store;

        Score(RulesEnv env) {
            super(env);
        }

        @Override
        public void init(ProcessorContext<String, Signal> context) {
            super.init(context);
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Signal> record) {
            Signal s = record.value();
            if (s == null || s.ack() != null || s.hazard() != Hazard.CONFLICT || RiskScoreFamily.TYPE.equals(s.ruleType())) {
                return;
            }
            String commune = view().zones().ancestorOfKind(s.zone(), ZoneKind.COMMUNE).map(Zone::id).orElse(s.zone());
            for (CompiledRule<RiskScoreRule.Params> rule : view().rules(family)) {
                if (!rule.doc().zones().contains(commune) || !rule.inSeason(s.at())) {
                    continue;
                }
                String key = rule.id() + "|" + commune;
                RiskScoreRule.State before = Objects.requireNonNullElse(store.get(key), RiskScoreRule.State.INITIAL);
                Step<RiskScoreRule.State> step = RiskScoreRule.step(before,
                        new RiskScoreRule.Input(s.ruleType(), s.rule() + "|" + s.zone(), s.source(), counts(s), s.at()), rule.params(), s.at());
                Verdict v = step.verdict();
                String reported = v instanceof Verdict.Fire f ? f.level() + "/" + f.measure() : null;
                store.put(key, step.state().withReported(reported));
                if (v instanceof Verdict.Fire f) {
                    if (!reported.equals(before.reported())) {
                        Severity sev = family.severity(rule, f.level());
                        Signal out = Signal.fire(rule.id(), family.type(), Hazard.CONFLICT, commune, "score", f.level(), sev,
                                family.headline(rule, view().zones().name(commune), null, f), f.evidence(), s.at());
                        context().forward(new Record<>(out.key(), out, record.timestamp()));
                    }
                } else if (before.reported() != null) {
                    Signal out = Signal.clear(rule.id(), family.type(), Hazard.CONFLICT, commune, "score", s.at());
                    context().forward(new Record<>(out.key(), out, record.timestamp()));
                }
            }
        }
    }
}
