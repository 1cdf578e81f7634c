package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.bourtol.rules.RulesTopology;
import org.junit.jupiter.api.Test;

class ProcessingFailureHandlerTest {

    @Test
    void aRecordAProcessorFailsOnIsSkippedAndTheNextOnesAreProcessed() throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> {
                    if (v.equals("poison")) {
                        throw new IllegalStateException("cannot evaluate " + v);
                    }
                    return v.toUpperCase(java.util.Locale.ROOT);
                })
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties common = new Properties();
        common.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        Properties p = RulesTopology.properties(common, "failure-test", Files.createTempDirectory("failure-test"));
        long before = ProcessingFailureHandler.skipped();
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("a", "first");
            in.pipeInput("b", "poison");
            in.pipeInput("c", "third");
            assertEquals(java.util.List.of("FIRST", "THIRD"), out.readValuesToList());
        }
        assertEquals(before + 1, ProcessingFailureHandler.skipped());
    }
}
