package org.bourtol.notifier.sms;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.contracts.topic.Json;
import org.bourtol.notifier.directory.RecipientValidator;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's templates directory ({@code notifier.templatesDir}): a translator adds a language with
 * one file, overrides a bundled one, and every mistake is a startup error naming the file and the key.
 */
class TemplateDirectoryTest {

    /**
     * TRANSLATOR'S STUB, NOT A TRANSLATION: placeholder strings in the shape of a Bambara file, each marked
     * "[bm]", so the test exercises a new language (and Bambara letters such as ɛ and ɲ) without
     * pretending to be reviewed wording. A real templates_bm.properties comes from a Bambara translator.
     */
    static final String BAMBARA_STUB = """
            # templates_bm.properties - TRANSLATOR'S STUB for tests, not reviewed Bambara
            alert=[bm] Farati {hazard} {place}: {headline}. {instruction} OK {code}
            alert.short=[bm] Farati {place}: {headline}. OK {code}
            repeat=[bm] Hakilijigin {hazard} {place}: {headline}. {instruction} OK {code}
            repeat.short=[bm] Hakilijigin {place}. OK {code}
            escalation=[bm] Escalade {hazard} {place}: {headline}. {instruction} OK {code}
            escalation.short=[bm] Escalade {place}. OK {code}
            allclear=[bm] A banna {place} ({code}): {hazard}. I ni cɛ.
            allclear.short=[bm] A banna {place} ({code}).
            update=[bm] Kura {hazard} {place}: {headline}. {instruction} OK {code}
            update.short=[bm] Kura {place}. OK {code}
            cancel=[bm] A dabilara {place} ({code}): {headline}.
            cancel.short=[bm] A dabilara {place} ({code}).
            hazard.flood=[bm] Jiɲɛ
            hazard.conflict=[bm] Kɛlɛ farati
            severity.Minor=[bm] 1
            severity.Moderate=[bm] 2
            severity.Severe=[bm] 3
            severity.Extreme=[bm] 4
            instruction.flood=[bm] Aw ye aw yɛrɛ mabɔ baji la.
            instruction.flood.short=[bm] Baji la mabɔ.
            instruction.conflict=[bm] Aw ye jamakulu bila.
            instruction.conflict.short=[bm] Jamakulu bila.
            headline.default=[bm] farati {severity}
            group={n} [bm] farati:\\n{items}\\n{instruction}
            group.item={fact}. OK {code}
            group.item.repeat=[bm] Hakilijigin {fact}. OK {code}
            group.item.escalation=[bm] Escalade {fact}. OK {code}
            group.item.allclear=[bm] A banna {hazard} {place} ({code})
            group.noinstruction=[bm] I ni cɛ.
            """;

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Planner.Due due(Alert a, Recipient r, Planner.Kind kind) {
        return new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse("s"), r.id()), kind, a, r);
    }

    @Test
    @DisplayName("the bundled fr and en files pass the same checks as a translator's file")
    void bundledTemplatesPassTheChecks() {
        Templates t = Templates.load(null);
        assertEquals(Set.of("en", "fr"), t.languages());
        assertFalse(t.knows("bm"));
    }

    @Test
    @DisplayName("a new language file makes the language valid for recipients and alerts render with it")
    void newLanguageFileIsAcceptedAndRendered(@TempDir Path dir) throws Exception {
        write(dir, "templates_bm.properties", BAMBARA_STUB);
        write(dir, "README.txt", "notes for translators are ignored");
        Templates templates = Templates.load(dir);
        assertEquals(Set.of("bm", "en", "fr"), templates.languages());

        RecipientValidator validator = new RecipientValidator(templates::knows, z -> true);
        RecipientValidator.Result ok = validator.validate("konna-committee", Json.MAPPER.readTree("""
                {"name": "Comite de paix de Konna", "role": "peace-committee", "phone": "+22376000001", "language": "bm",
                 "zones": ["konna"], "hazards": ["flood"]}"""), null);
        assertTrue(ok.ok(), ok.problems().toString());
        RecipientValidator.Result unknown = validator.validate("x", Json.MAPPER.readTree("""
                {"name": "X", "phone": "+22376000002", "language": "ff", "zones": ["konna"]}"""), null);
        assertTrue(unknown.problems().stream().anyMatch(p -> p.contains("templates_ff.properties")), unknown.problems().toString());

        Recipient r = ok.recipient();
        Alert a = alert("a1", "K7Q", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        Templates.Rendered alertSms = templates.render("bm", r.role(), List.of(due(a, r, Planner.Kind.ALERT)));
        assertEquals("bm", alertSms.language());
        assertEquals("[bm] Farati [bm] Jinye Niamey: [bm] farati [bm] 3. [bm] Aw ye aw yere mabo baji la. OK K7Q", alertSms.text(),
                "Bambara letters are transliterated (ɛ -> e, ɲ -> ny, ɔ -> o)");
        assertEquals(1, alertSms.segments());
        Templates.Rendered allClear = templates.render("bm", r.role(), List.of(due(a, r, Planner.Kind.ALL_CLEAR)));
        assertTrue(allClear.text().startsWith("[bm] A banna Niamey (K7Q)"), allClear.text());
        assertTrue(Gsm7.isGsm7(allClear.text()), allClear.text());
        assertTrue(templates.render("fr", null, List.of(due(a, r, Planner.Kind.ALERT))).text().contains("Repondez OK K7Q"),
                "other languages still come from the bundled files");
    }

    @Test
    @DisplayName("a file in the directory replaces the bundled file of its language")
    void directoryFileOverridesTheBundledOne(@TempDir Path dir) throws Exception {
        write(dir, "templates_fr.properties", BAMBARA_STUB.replace("[bm] Farati", "ALERTE LOCALE"));
        Templates templates = Templates.load(dir);
        Recipient r = recipient("r1", null, "+22376000001", "fr", List.of("konna"), null, null, null);
        Alert a = alert("a1", "K7Q", Hazard.FLOOD, "konna", Severity.Severe, AlertState.ACTIVE, false);
        assertTrue(templates.render("fr", null, List.of(due(a, r, Planner.Kind.ALERT))).text().startsWith("ALERTE LOCALE"));
        assertTrue(templates.render("en", null, List.of(due(a, r, Planner.Kind.ALERT))).text().contains("Reply OK K7Q"));
    }

    @Test
    @DisplayName("a file missing a key is a startup error naming the file and the key")
    void missingKeyIsAStartupErrorNamingFileAndKey(@TempDir Path dir) throws Exception {
        Path file = write(dir, "templates_bm.properties", BAMBARA_STUB.replaceAll("(?m)^allclear\\.short=.*\\n", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> Templates.load(dir));
        assertEquals(List.of(file + ": missing key 'allclear.short'"), e.problems());
        assertTrue(e.getMessage().contains("templates_bm.properties: missing key 'allclear.short'"), e.getMessage());
    }

    @Test
    @DisplayName("unknown placeholders and keys, a missing {code}, characters GSM-7 cannot carry and bad file names are all reported")
    void everyMistakeIsReportedAtOnce(@TempDir Path dir) throws Exception {
        Path file = write(dir, "templates_bm.properties", BAMBARA_STUB
                .replace("alert=[bm] Farati {hazard} {place}: {headline}. {instruction} OK {code}", "alert=[bm] Farati {lieu}. OK")
                .replace("hazard.conflict=[bm] Kɛlɛ farati", "hazard.conflict=[bm] Kɛlɛ ⚠ 危险")
                + "alrt.authority=typo\n");
        write(dir, "templates_BM.properties", BAMBARA_STUB);
        ConfigException e = assertThrows(ConfigException.class, () -> Templates.load(dir));
        List<String> expected = List.of(
                file + ": unknown key 'alrt.authority'",
                file + ": key 'alert' uses unknown placeholder {lieu}",
                file + ": key 'alert' must contain {code}",
                file + ": key 'hazard.conflict' has characters with no GSM-7 equivalent, sent as '?': ⚠ 危 险",
                dir.resolve("templates_BM.properties") + ": not used: name it templates_<lang>.properties");
        for (String start : expected) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(start)), start + " missing from\n" + e.getMessage());
        }
        assertEquals(expected.size(), e.problems().size(), e.getMessage());
    }

    @Test
    void fileThatIsNotUtf8IsReported(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("templates_bm.properties"), "alert=Comit\u00e9 OK {code}\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> Templates.load(dir));
        assertTrue(e.problems().get(0).endsWith("templates_bm.properties: not valid UTF-8 (save the file as UTF-8)"), e.getMessage());
    }
}
