package org.bourtol.launcher.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicScan;

/**
 * Everything the report counts, as stored on the topics (each list in storage order): alert lifecycle
 * events, delivery records (every status step), actions and outcomes, observations, messages to triage,
 * rejected inputs, and the zones (latest version of each) to place a zone in its region.
 */
public record ReportInputs(List<AlertEvent> alerts, List<Delivery> deliveries, List<AlertResponse> responses,
        List<Observation> observations, List<TriageMessage> triage, List<Rejected> rejected,
        Map<String, Zone> zones) {

    public ReportInputs {
        alerts = List.copyOf(alerts);
        deliveries = List.copyOf(deliveries);
        responses = List.copyOf(responses);
        observations = List.copyOf(observations);
        triage = List.copyOf(triage);
        rejected = List.copyOf(rejected);
        zones = Map.copyOf(zones);
    }

    /** Reads every topic the report needs from its start to its current end (no consumer group). */
    public static ReportInputs read(KafkaClients kafka) {
        Map<String, Zone> zones = new LinkedHashMap<>();
        TopicScan.read(kafka, Topics.ZONES, r -> {
            String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            Zone z = TopicScan.decode(Topics.ZONES, r);
            if (key != null && z == null) {
                zones.remove(key);
            } else if (z != null) {
                zones.put(z.id(), z);
            }
        });
        return new ReportInputs(TopicScan.values(kafka, Topics.ALERTS), TopicScan.values(kafka, Topics.DELIVERIES),
                TopicScan.values(kafka, Topics.OUTCOMES), TopicScan.values(kafka, Topics.OBSERVATIONS),
                TopicScan.values(kafka, Topics.TRIAGE), TopicScan.values(kafka, Topics.REJECTED), zones);
    }
}
