package org.bourtol.ingest.sms;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.text.Catalogue;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Outgoing;

/**
 * What a recipient did about an alert, by SMS: {@code FAIT <code> <texte>} / {@code DONE <code> <text>}
 * records an action, {@code FAUX <code>} / {@code FALSE <code>} says the alert was a false alarm in the
 * sender's view. The keyword must be the message's first word (after a greeting) and is matched exactly
 * (no misspellings: "feu" is a fire, not "faux"); it sets the reply's language. A known code gives an
 * unverified {@link AlertResponse} on {@code bourtol.outcomes.v1} and its {@link AuditEntry}: it counts
 * only once the notifier has found its sender in the delivery ledger of that alert (as for {@code OK}),
 * so ingest cannot tell the sender whether it will count. The reply is therefore the same whether the
 * code exists or not (a stranger learns nothing about codes) and says it counts if the alert was sent
 * to the sender; an unknown code is kept as rejected, a missing code or action answered with a hint. Replies come from the translator-editable
 * {@code alert-replies_<lang>.properties} and fit one GSM-7 segment. Pure apart from reading those files.
 */
public final class AlertReplies {

    /** The audit entity of actions and outcomes. */
    public static final String ENTITY = "outcome";

    private static final Pattern FORM = Pattern.compile(
            "(?iu)\\b(fait|done|faux|false)\\b[\\s:;,.#-]*(?:([a-z0-9]{3,6})\\b)?[\\s:;,.-]*(.*)", Pattern.DOTALL);
    private static final Catalogue TEXTS = Catalogue.of(AlertReplies.class, "alert-replies");

    /** What {@link #handle} gives: the records to publish, the reply, and the outcome label for logs and metrics. */
    public record Result(List<Outgoing> records, String reply, String outcome) {
    }

    private AlertReplies() {
    }

    /** The command when {@code first} (the first word, normalised) is FAIT, DONE, FAUX or FALSE; else null. */
    static SmsCommand parse(String first, String body, Language registered) {
        boolean action = first.equals("fait") || first.equals("done");
        if (!action && !first.equals("faux") && !first.equals("false")) {
            return null;
        }
        Language lang = Language.reply(first.equals("fait") || first.equals("faux") ? Language.FR : Language.EN, registered);
        Matcher m = FORM.matcher(body);
        String code = null;
        String text = null;
        if (m.find()) {
            code = m.group(2) == null ? null : m.group(2).toUpperCase(Locale.ROOT);
            text = m.group(3) == null || m.group(3).isBlank() ? null : m.group(3).trim();
        }
        return action ? new SmsCommand.Action(lang, code, text) : new SmsCommand.FalseAlarm(lang, code, text);
    }

    /** The alert code of an {@link SmsCommand.Action} or {@link SmsCommand.FalseAlarm} (null when missing). */
    static String code(SmsCommand c) {
        return c instanceof SmsCommand.Action a ? a.code() : ((SmsCommand.FalseAlarm) c).code();
    }

    static boolean handles(SmsCommand c) {
        return c instanceof SmsCommand.Action || c instanceof SmsCommand.FalseAlarm;
    }

    /**
     * The records and reply for an {@link SmsCommand.Action} or {@link SmsCommand.FalseAlarm}.
     *
     * @param alertByCode the alert a code names (active first, else the latest resolved one), or empty
     */
    static Result handle(SmsCommand c, String receipt, String messageSid, String reporterId, String body,
                         Function<String, Optional<Alert>> alertByCode, Instant now) {
        boolean action = c instanceof SmsCommand.Action;
        String code = code(c);
        String text = AlertResponse.clean(action ? ((SmsCommand.Action) c).text() : ((SmsCommand.FalseAlarm) c).text());
        Language lang = c.language();
        if (code == null) {
            return rejected(lang, "missing-code", "no alert code after " + (action ? "FAIT/DONE" : "FAUX/FALSE"), null,
                    messageSid, reporterId, body, now);
        }
        Optional<Alert> alert = alertByCode.apply(code);
        if (alert.isEmpty()) {
            // the same reply as for a known code: whether a code exists is not told to whoever sends one
            return new Result(List.of(SmsRecords.rejected(messageSid, "alert-reply-unknown-code", "no alert has code " + code,
                    reporterId, body, now)), text(lang, action ? "action.recorded" : "false-alarm.recorded", receipt, code),
                    "alert-reply-unknown-code");
        }
        if (action && text == null) {
            return rejected(lang, "missing-action", "FAIT/DONE " + code + " without saying what was done", code,
                    messageSid, reporterId, body, now);
        }
        Alert a = alert.get();
        String id = SmsRecords.id(messageSid);
        AlertResponse r = new AlertResponse(id, a.id(), a.code(), action ? AlertResponse.Kind.ACTION : AlertResponse.Kind.OUTCOME,
                text, action ? null : Verdict.FALSE_ALARM, null, null, reporterId, Source.SMS, false, now);
        AuditEntry audit = new AuditEntry(ENTITY, id, action ? "action" : "false-alarm", reporterId, now, 1, null,
                Json.MAPPER.valueToTree(r), (action ? "action on " : "false alarm on ") + a.code() + " by SMS");
        List<Outgoing> records = List.of(Outgoing.of(Topics.OUTCOMES, a.id(), r), Outgoing.of(Topics.AUDIT, ENTITY + "/" + id, audit));
        String key = action ? "action.recorded" : "false-alarm.recorded";
        return new Result(records, text(lang, key, receipt, a.code()), action ? "action" : "false-alarm");
    }

    private static Result rejected(Language lang, String key, String reason, String code, String messageSid, String reporterId,
                                   String body, Instant now) {
        return new Result(List.of(SmsRecords.rejected(messageSid, "alert-reply-" + key, reason, reporterId, body, now)),
                text(lang, key, "", code == null ? "K7Q" : code), "alert-reply-" + key);
    }

    /** The reply {@code key} in {@code lang}, placeholders filled, transliterated and fitted to one segment. */
    static String text(Language lang, String key, String receipt, String code) {
        String full = TEXTS.text(lang.tag(), key, Map.of("receipt", receipt, "code", code));
        int ex = full.indexOf(" Ex: ");
        return ex < 0 ? Replies.fit(full) : Replies.fit(full, full.substring(0, ex));
    }
}
