package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.contracts.topic.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bourtol bench} with a small message count on its own embedded Bourtol, so the bench cannot rot: every hop
 * runs, every path's messages arrive, ratios are printed and {@code --json} holds the same hops. No figure is judged
 * here (performance targets belong to the bench runs recorded in docs/performance.md).
 */
class BenchIT {

    @TempDir
    Path dir;

    @Test
    void everyHopRunsAgainstItsBaselineAndTheJsonHoldsEveryFigure() throws Exception {
        Path json = dir.resolve("bench.json");
        Set<String> before = benchDirs();
        CommandLine cl = Bourtol.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("bench", "--messages", "40", "--warm-up", "PT0S", "--recipients", "2", "--rounds", "2", "--hops", "mqtt,sms,notify,rules", "--cpu-threads", "3",
                "--json", json.toString());
        String text = out.toString();
        assertEquals(0, code, text);
        for (String hop : List.of("MQTT QoS 1 → observation", "signed SMS webhook → observation", "alert → Twilio call",
                "report → Twilio call", "observation → alert (rules)")) {
            assertTrue(text.contains(hop), "hop " + hop + " in\n" + text);
        }
        assertTrue(text.contains("ratio mqtt -> observation (ingest) / mqtt pub->sub (raw broker): throughput"), text);
        assertTrue(text.contains("ratio mqtt -> kafka, bare forwarder (floor) / mqtt pub->sub (raw broker): throughput"), text);
        assertTrue(text.contains("ratio streams, one store write per record (floor) / streams passthrough (exactly-once v2): throughput"), text);
        assertTrue(text.contains("load average"), text);

        JsonNode figures = Json.MAPPER.readTree(json.toFile());
        assertEquals(5, figures.path("hops").size(), figures.toString());
        List<String> incomplete = new ArrayList<>();
        for (JsonNode hop : figures.path("hops")) {
            for (JsonNode path : hop.path("paths")) {
                Map<String, JsonNode> runs = new LinkedHashMap<>(Map.of("saturation", path.path("saturation"), "paced", path.path("paced")));
                for (int k = 0; k < path.path("saturationRounds").size(); k++) {
                    runs.put("saturation round " + (k + 1), path.path("saturationRounds").get(k));
                }
                for (int k = 0; k < path.path("roundsNotCounted").size(); k++) {
                    runs.put("round not counted " + (k + 1), path.path("roundsNotCounted").get(k));
                }
                for (Map.Entry<String, JsonNode> e : runs.entrySet()) {
                    String run = e.getKey();
                    JsonNode f = e.getValue();
                    if (!f.isNull() && !f.isMissingNode() && f.path("arrived").asInt() < f.path("sent").asInt()
                            && !f.path("path").asText().startsWith("observation -> alert")) {
                        incomplete.add(hop.path("hop").asText() + " / " + f.path("path").asText() + " / " + run + ": " + f);
                    }
                }
            }
        }
        assertTrue(incomplete.isEmpty(), "every message of every path arrived: " + incomplete);
        JsonNode rules = figures.path("hops").get(4).path("paths").get(1);
        assertEquals(40, rules.path("saturation").path("arrived").asInt(), "the rules consumed every observation: " + rules);
        JsonNode ingest = figures.path("hops").get(0).path("paths").get(1);
        int counted = ingest.path("saturationRounds").size();
        int run = counted + ingest.path("roundsNotCounted").size();
        assertTrue(run >= 2 && run <= 4 && counted >= 1,
                "--rounds 2: two saturation rounds counted, or up to two more run in place of those the JIT disturbed: " + ingest);
        assertTrue(counted == 2 || run == 4, "fewer counted only when all four were run: " + ingest);
        assertEquals(counted, ingest.path("roundRatios").size(), ingest.toString());
        // the embedded Bourtol runs in the bench's process: every saturation run has its CPU per message, and each ratio
        assertTrue(rules.path("saturation").path("cpuMicrosPerMessage").asDouble() > 0, rules.toString());
        assertTrue(ingest.path("cpuRatio").asDouble() > 0 && rules.path("cpuRatio").asDouble() > 0, ingest + "\n" + rules);
        assertEquals(counted, ingest.path("roundCpuRatios").size(), ingest.toString());
        assertTrue(text.contains(", CPU per message "), text);
        // split by thread: the rules' own stream thread did some of the rules' work
        assertTrue(rules.path("saturation").path("cpuMicrosByThread").path("bourtol-rules-StreamThread").asDouble() > 0, rules.toString());
        assertTrue(text.contains("  CPU per message by thread, us (median saturation run):\n"), text);
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            // Linux: the kernel's account of every thread, the JIT's and the collector's too
            assertTrue(rules.path("saturation").path("kernelRunMicrosPerMessage").asDouble() > 0, rules.toString());
            assertTrue(rules.path("saturation").has("kernelWaitMicrosPerMessage"), rules.toString());
        }
        assertTrue(figures.path("loadAverage").isNumber(), figures.toString());
        Set<String> left = benchDirs();
        left.removeAll(before);
        assertEquals(Set.of(), left, "the embedded Bourtol's data and the passthrough's state are removed after the run");
    }

    /** The bench's temporary directories in the system's temporary folder. */
    private static Set<String> benchDirs() throws java.io.IOException {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bourtol-bench-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
