package org.bourtol.launcher.bench;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bourtol.platform.kafka.KafkaClients;

/** The bench's own topics (baselines and floors), one partition each, created when missing. */
final class BenchTopics {

    private BenchTopics() {
    }

    /**
     * Creates the topics that do not exist yet and waits until the broker serves them: the controller creates a topic
     * before its broker knows it, and a Streams client whose first assignment finds its source topic missing shuts down.
     */
    static void ensure(KafkaClients kafka, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(kafka.common())) {
            for (String t : topics) {
                if (!admin.listTopics().names().get().contains(t)) {
                    admin.createTopics(List.of(new NewTopic(t, 1, (short) -1))).all().get();
                }
            }
            long known = System.nanoTime() + 30_000_000_000L;
            while (!served(admin, topics) && System.nanoTime() < known) {
                Thread.sleep(100);
            }
        }
    }

    private static boolean served(Admin admin, List<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream().allMatch(d -> !d.partitions().isEmpty()
                    && d.partitions().get(0).leader() != null);
        } catch (Exception e) {
            return false;
        }
    }
}
