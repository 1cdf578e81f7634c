package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line: help on every command, version, and invalid configuration → one message, exit code 2. */
class BourtolCommandTest {

    /** One run of the command line (also used by ITs that run a command). */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Bourtol.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("run", "ingest", "rules", "notifier", "demo", "simulate", "bench")) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing from\n" + r.out());
        }
    }

    @Test
    void configKeysPrintsEveryKeyWithItsVariableDefaultAndMeaning() {
        Result r = run("config", "--keys");
        assertEquals(0, r.code());
        for (org.bourtol.contracts.config.ConfigKeys.Key k : org.bourtol.contracts.config.ConfigKeys.all()) {
            assertTrue(r.out().contains(k.name() + "\n    environment: " + String.join(", ", k.environmentNames())), k.name());
        }
        assertTrue(r.out().contains("mqtt.prefix\n    environment: BOURTOL_MQTT_PREFIX\n    default:     bourtol/v1\n"
                + "    meaning:     Topic prefix of Bourtol's MQTT topics\n"), r.out());
        assertEquals(org.bourtol.contracts.config.ConfigKeys.markdownTable(), run("config", "--keys", "--markdown").out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "rules", "notifier", "demo", "simulate", "bench", "config"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: bourtol " + command), r.out());
    }

    @Test
    void version() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("bourtol "), r.out());
    }

    @Test
    void invalidConfigFileIsOneMessageWithEveryProblemAndExitCode2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "http:\n  port: 99999\ncolour: blue\nkafka:\n  securityProtocol: TLS\n");
        Result r = run("run", "--config", file.toString());
        assertEquals(Bourtol.EXIT_CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("invalid configuration (3 problems)"), r.err());
        assertTrue(r.err().contains("http.port") && r.err().contains("colour") && r.err().contains("kafka.securityProtocol"), r.err());
    }

    @Test
    void externalModeWithoutKafkaOrPseudonymKeyIsAConfigError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "dataDir: " + dir + "\n");
        Result r = run("ingest", "--config", file.toString());
        assertEquals(Bourtol.EXIT_CONFIG, r.code(), r.err());
        assertTrue(r.err().contains("kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is required"), r.err());
        assertTrue(r.err().contains("security.pseudonymKey (BOURTOL_PSEUDONYM_KEY) is required"), r.err());
    }
}
