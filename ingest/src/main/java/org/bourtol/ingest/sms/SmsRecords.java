package org.bourtol.ingest.sms;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.triage.TriageMessage;
import org.bourtol.platform.kafka.Outgoing;

/**
 * The Kafka records for an understood, triaged or rejected SMS. Ids are {@code sms-<MessageSid>}, so a message
 * ingested twice (retry to another instance, spool re-send) carries the same id. The sender appears
 * only as a pseudonym; the body kept in a rejection has phone-like numbers masked. Pure.
 */
public final class SmsRecords {

    /** A daily rain gauge reading: SMS reports are the last 24 hours. */
    public static final int RAIN_PERIOD_MINUTES = 1440;

    private SmsRecords() {
    }

    public static String id(String messageSid) {
        return "sms-" + messageSid;
    }

    public static List<Outgoing> of(SmsCommand c, String messageSid, String reporterId, boolean verified, String body, Instant now) {
        String id = id(messageSid);
        Observation o = null;
        if (c instanceof SmsCommand.Herd h) {
            o = new HerdPosition(id, Source.SMS, now, now, reporterId, verified, id, h.place().lat(), h.place().lon(), h.count(),
                    h.species(), null, null, null, h.place().zoneId(), h.to() == null ? null : h.to().zoneId());
        } else if (c instanceof SmsCommand.Alert a) {
            o = new CommunityReport(id, Source.SMS, now, now, reporterId, verified, a.type(), a.place().zoneId(),
                    a.place().lat(), a.place().lon(), Phones.maskInText(a.text()), a.freeText(),
                    a.freeText() ? a.confidence() : null, a.freeText() ? a.matched() : null);
        } else if (c instanceof SmsCommand.Level l) {
            o = new GaugeReading(id, Source.SMS, now, now, reporterId, verified, stationId(l.station()), l.cm());
        } else if (c instanceof SmsCommand.Rain r) {
            o = new RainReading(id, Source.SMS, now, now, reporterId, verified, stationId(r.station()), r.mm(), RAIN_PERIOD_MINUTES);
        } else if (c instanceof SmsCommand.Ack a) {
            return List.of(Outgoing.of(Topics.ACKS, a.code(), new AckRequest(id, a.code(), null, reporterId, Source.SMS, now)));
        } else if (c instanceof SmsCommand.Triage t) {
            return List.of(Outgoing.of(Topics.TRIAGE, id, new TriageMessage(id, Source.SMS, now, reporterId, verified, body,
                    t.language().tag(), t.place() == null ? null : t.place().zoneId(), t.place() == null ? null : t.place().name(),
                    t.type(), t.matched(), t.reason())));
        } else if (c instanceof SmsCommand.Problem p) {
            return List.of(rejected(messageSid, p.code(), p.reason(), reporterId, body, now));
        } else {
            return List.of();
        }
        return List.of(Outgoing.of(Topics.OBSERVATIONS, o.subject(), o));
    }

    public static Outgoing rejected(String messageSid, String code, String reason, String reporterId, String body, Instant now) {
        return Outgoing.of(Topics.REJECTED, "sms", new Rejected(id(messageSid), Source.SMS, "/sms/inbound", now, code, reason,
                Phones.maskInText(body), reporterId));
    }

    private static String stationId(org.bourtol.ingest.place.Place p) {
        return p.zoneId() != null ? p.zoneId() : p.name();
    }
}
