package org.bourtol.contracts.topic;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Reporter;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.SmsStatus;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.contracts.triage.TriageMessage;

/**
 * The topic catalogue. Event topics keep 30 days by default (a backtest window); directory topics are
 * compacted and hold the latest document per id (a null value deletes it).
 */
public final class Topics {

    private static final Serde<String> KEY = Serdes.String();

    /** Understood inputs, keyed by {@link Observation#subject()}. */
    public static final Topic<String, Observation> OBSERVATIONS =
            new Topic<>("bourtol.observations.v1", KEY, new JsonSerde<>(Observation.class), 3, false);
    /** Inputs that could not be accepted, keyed by source. */
    public static final Topic<String, Rejected> REJECTED =
            new Topic<>("bourtol.rejected.v1", KEY, new JsonSerde<>(Rejected.class), 1, false);
    /** Alert lifecycle events, keyed by alert id. */
    public static final Topic<String, AlertEvent> ALERTS =
            new Topic<>("bourtol.alerts.v1", KEY, new JsonSerde<>(AlertEvent.class), 1, false);
    /** Acknowledgement requests (SMS {@code OK <code>}, API), keyed by code or alert id. */
    public static final Topic<String, AckRequest> ACKS =
            new Topic<>("bourtol.acks.v1", KEY, new JsonSerde<>(AckRequest.class), 1, false);
    /** Notification outcomes, keyed by delivery id. */
    public static final Topic<String, Delivery> DELIVERIES =
            new Topic<>("bourtol.deliveries.v1", KEY, new JsonSerde<>(Delivery.class), 1, false);
    /** Twilio status callbacks, keyed by MessageSid. */
    public static final Topic<String, SmsStatus> SMS_STATUS =
            new Topic<>("bourtol.sms-status.v1", KEY, new JsonSerde<>(SmsStatus.class), 1, false);
    /**
     * Community messages not understood but naming a known place or a hazard word, for an officer to
     * read; keyed by message id. Not observations: they raise nothing by themselves.
     */
    public static final Topic<String, TriageMessage> TRIAGE =
            new Topic<>("bourtol.triage.v1", KEY, new JsonSerde<>(TriageMessage.class), 1, false);
    /**
     * Actions taken on alerts and their outcomes (SMS {@code FAIT}/{@code FAUX}, the API, the console),
     * keyed by alert id; append-only, kept forever: the monthly report and the backtest read them.
     */
    public static final Topic<String, AlertResponse> OUTCOMES =
            new Topic<>("bourtol.outcomes.v1", KEY, new JsonSerde<>(AlertResponse.class), 1, false);
    /**
     * The simulator's ground truth: the risks that really began in a played scenario ({@code bourtol demo},
     * {@code bourtol simulate}), keyed by {@code scenario/seed/id}; append-only, kept forever: the backtest
     * scores the current and the candidate rules against it.
     */
    public static final Topic<String, GroundTruth> GROUND_TRUTH =
            new Topic<>("bourtol.groundtruth.v1", KEY, new JsonSerde<>(GroundTruth.class), 1, false);
    /** Who changed what in the directories, keyed by "entity/id"; append-only. */
    public static final Topic<String, AuditEntry> AUDIT =
            new Topic<>("bourtol.audit.v1", KEY, new JsonSerde<>(AuditEntry.class), 1, false);

    public static final Topic<String, Zone> ZONES =
            new Topic<>("bourtol.zones.v1", KEY, new JsonSerde<>(Zone.class), 1, true);
    public static final Topic<String, RuleDocument> RULES =
            new Topic<>("bourtol.rules.v1", KEY, new JsonSerde<>(RuleDocument.class), 1, true);
    public static final Topic<String, Recipient> RECIPIENTS =
            new Topic<>("bourtol.recipients.v1", KEY, new JsonSerde<>(Recipient.class), 1, true);
    public static final Topic<String, Reporter> REPORTERS =
            new Topic<>("bourtol.reporters.v1", KEY, new JsonSerde<>(Reporter.class), 1, true);

    /**
     * Officer-issued warnings (drafts, approvals, updates, cancellations), keyed by warning id, the
     * latest version of each: compacted, so drafts survive restarts and the rules' lifecycle reads the
     * approved ones. A warning's history is in the audit topic.
     */
    public static final Topic<String, Warning> WARNINGS =
            new Topic<>("bourtol.warnings.v1", KEY, new JsonSerde<>(Warning.class), 1, true);

    /** API tokens by SHA-256 of the token (never the token itself). */
    public static final Topic<String, ApiToken> TOKENS =
            new Topic<>("bourtol.tokens.v1", KEY, new JsonSerde<>(ApiToken.class), 1, true);

    /**
     * Event topics kept forever instead of the 30 days of the others: the audit trail (every rule and
     * recipient version), the alert lifecycle (the alerts view and the notifier rebuild active alerts
     * from it, however old), the delivery ledger (what was sent for those alerts) and the messages to
     * triage (a community report an officer has not read yet must not expire) and the actions and outcomes
     * recorded on alerts (the monthly report of any past month is computed from them). They grow by a few
     * records per alert step, directory change or unclear SMS.
     */
    public static final List<Topic<String, ?>> KEPT_FOREVER = List.of(AUDIT, ALERTS, DELIVERIES, TRIAGE, OUTCOMES, GROUND_TRUTH);

    /** Every topic Bourtol creates at startup (idempotently). */
    public static final List<Topic<String, ?>> ALL = List.of(
            OBSERVATIONS, REJECTED, TRIAGE, ALERTS, ACKS, DELIVERIES, SMS_STATUS, AUDIT, OUTCOMES, GROUND_TRUTH, ZONES, RULES, RECIPIENTS, REPORTERS, TOKENS,
            WARNINGS);

    private Topics() {
    }
}
