package org.bourtol.launcher;

import static org.bourtol.launcher.testing.EmbeddedApi.call;
import static org.bourtol.launcher.testing.EmbeddedApi.first;
import static org.bourtol.launcher.testing.EmbeddedApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A language added end to end with files and no Java: Bambara ({@code bm}) exists only as four test
 * resources of this module — {@code org/bourtol/ingest/sms/grammar_bm.properties} (a level keyword),
 * {@code org/bourtol/ingest/sms/replies_bm.properties},
 * {@code org/bourtol/rules/engine/headlines_bm.properties} and
 * {@code org/bourtol/notifier/sms/templates_bm.properties} (translator's stubs, marked {@code [bm]}).
 * Against {@code run --embedded}: a gauge reader registered in {@code bm} sends {@code JIHAKE Niamey 590}
 * (the Bambara keyword) and gets the receipt in Bambara; the flood alert it raises carries a Bambara headline; a recipient
 * whose language is {@code bm} gets the SMS from the Bambara template with that headline.
 */
@Timeout(400)
class TranslationsIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("translations");
    private static final String READER = "+22790000031";
    private static final String WATCHER = "+22790000032";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void bambaraFromFilesOnlyInAReplyAHeadlineAndAnSms() throws Exception {
        try (Instance p = SECRETS.start(dataDir,
                "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S")) {
            LocalTwilioServer twilio = p.localTwilio().orElseThrow();
            String officer = SECRETS.token(p, "agent-traore", "officer");
            call(p, "PUT", "/api/v1/reporters/niamey-reader", officer, """
                    {"name": "Lecteur Niamey", "phone": "%s", "language": "bm", "verified": true}""".formatted(READER), 201);
            call(p, "PUT", "/api/v1/recipients/niamey-bm", officer, """
                    {"name": "niamey-bm", "role": "drr-officer", "phone": "%s", "language": "bm", "zones": ["niamey"],
                     "hazards": ["flood"], "minSeverity": "Minor"}""".formatted(WATCHER), 201);
            Poll.until(WAIT, "the reporter directory has the Bambara reader",
                    () -> get(p, "/api/v1/reporters/niamey-reader", officer).path("language").asText().equals("bm"));

            // an ingest reply: the receipt from replies_bm.properties (ɔ, ɛ transliterated to GSM-7)
            SmsSender.Result reply = SECRETS.sms(p, READER, "JIHAKE Niamey 590");
            assertEquals(200, reply.status());
            assertTrue(reply.reply().startsWith("[bm] A sorola ") && reply.reply().contains(": ji hake Niamey 590 cm. Fili? A ci: NIVEAU Niamey 590"),
                    reply.reply());

            // a rule headline: the gauge alert carries headlines_bm.properties' text beside French and English
            JsonNode alert = Poll.value(WAIT, "a flood alert at Niamey",
                    () -> first(get(p, "/api/v1/alerts?state=active&hazard=flood&zone=niamey", officer)));
            String bm = alert.path("headline").path("bm").asText();
            assertTrue(bm.startsWith("[bm] ") && bm.contains("Niamey") && bm.contains("590 cm") && bm.contains("temena"), alert.toString());
            assertTrue(alert.path("headline").path("fr").asText().contains("Niamey"), "French stays: " + alert);
            assertTrue(alert.path("headline").path("en").asText().contains("Niamey"), "English stays: " + alert);

            // a notifier SMS: templates_bm.properties with the Bambara headline
            String code = alert.path("code").asText();
            Poll.until(WAIT, "the Bambara recipient's SMS", () -> !twilio.messagesTo(WATCHER).isEmpty());
            String body = twilio.messagesTo(WATCHER).get(0).body();
            assertTrue(body.startsWith("[bm] Farati Jinye Niamey: " + bm + "."), body);
            assertTrue(body.endsWith("OK " + code), body);
        }
    }
}
