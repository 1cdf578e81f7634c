package org.bourtol.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the rules' hanging transactions and aborts them. A transaction hangs when a partition holds its records
 * without an end marker while its coordinator no longer has it open: every read_committed reader of that partition
 * (the rules' own committed offsets, the notifier's view of the alerts) then stops at it for good. Kafka's transaction
 * coordinator skips the markers of a partition that has no leader at that moment, taking it for deleted; after an
 * unclean restart of a single broker its partitions are leaderless for a moment while the controller fences the dead
 * incarnation, and a transaction the coordinator completes in that moment hangs (seen in the crash tests: no alert
 * and no SMS after a restart, for good). Aborting it on each partition where it hangs is what
 * {@code kafka-transactions.sh find-hanging} and {@code abort} would do by hand; the rules then process those inputs
 * again from their last committed offsets, as after any aborted transaction.
 *
 * <p>A transaction is aborted only when it is open on a partition in two checks in a row (same producer, epoch and
 * start offset), its transactional id is one of this rules application's, and its coordinator has it neither open
 * nor open on that partition; a transaction that is merely in progress is open at its coordinator too. Anything else
 * that hangs (another application's) is logged with the command that aborts it, not touched.
 */
final class HangingTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final Set<TransactionState> OPEN = EnumSet.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);
    private static final long TIMEOUT_SECONDS = 30;

    /** One partition's open transaction as seen by its leader. */
    record Open(TopicPartition partition, long producerId, int producerEpoch, long startOffset, int coordinatorEpoch) {

        AbortTransactionSpec spec() {
            return new AbortTransactionSpec(partition, producerId, (short) producerEpoch, coordinatorEpoch);
        }
    }

    private final Admin admin;
    private final String applicationId;
    private Set<Open> suspects = Set.of();
    private final Set<Open> reported = new HashSet<>();
    private volatile int openSeen = 0;
    private volatile boolean closed;

    HangingTransactions(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /** One check (blocking, a few admin requests): returns the transactions aborted now. */
    List<Open> check() {
        try {
            Map<TopicPartition, PartitionProducerState> producers = admin.describeProducers(partitions()).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Open> open = open(producers);
            openSeen = open.size();
            if (open.isEmpty()) {
                suspects = Set.of();
                return List.of();
            }
            Set<Long> ids = new HashSet<>();
            open.forEach(o -> ids.add(o.producerId()));
            Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(ids)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Long, String> owners = new HashMap<>();
            List<String> active = new ArrayList<>();
            for (TransactionListing l : listings) {
                owners.put(l.producerId(), l.transactionalId());
                if (OPEN.contains(l.state())) {
                    active.add(l.transactionalId());
                }
            }
            Map<Long, TransactionDescription> described = new HashMap<>();
            if (!active.isEmpty()) {
                admin.describeTransactions(active).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .values().forEach(d -> described.put(d.producerId(), d));
            }
            List<Open> hanging = hanging(open, described);
            List<Open> aborted = new ArrayList<>();
            for (Open h : hanging) {
                if (!suspects.contains(h)) {
                    continue;
                }
                String owner = owners.get(h.producerId());
                if (ours(owner, applicationId)) {
                    abort(h, owner, aborted);
                } else if (reported.add(h)) {
                    LOG.warn("hanging transaction of another application left alone; its partition's read_committed readers are stuck "
                            + "[partition: {}, producerId: {}, transactionalId: {}, startOffset: {}; abort: kafka-transactions.sh "
                            + "abort --topic {} --partition {} --start-offset {}]", h.partition(), h.producerId(), owner, h.startOffset(),
                            h.partition().topic(), h.partition().partition(), h.startOffset());
                }
            }
            suspects = Set.copyOf(hanging);
            return aborted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // once per failing streak at WARN (a broker outage fails every check until it ends)
            if (!closed && openSeen != -1) {
                LOG.warn("hanging transactions not checked, trying again every {} s [reason: {}]", RulesComponent.HANGING_CHECK.toSeconds(),
                        e.toString());
            } else {
                LOG.debug("hanging transactions not checked [reason: {}]", e.toString());
            }
            openSeen = -1;
            return List.of();
        }
    }

    private void abort(Open h, String owner, List<Open> aborted) throws InterruptedException {
        try {
            admin.abortTransaction(h.spec()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            aborted.add(h);
            LOG.warn("hanging transaction aborted: its coordinator had completed it without a marker on this partition; the rules "
                    + "process its inputs again [partition: {}, transactionalId: {}, producerId: {}, epoch: {}, startOffset: {}]",
                    h.partition(), owner, h.producerId(), h.producerEpoch(), h.startOffset());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("hanging transaction not aborted (the rules' principal needs ClusterAction to write its marker); read_committed "
                    + "readers of the partition stay stuck [partition: {}, transactionalId: {}, startOffset: {}, reason: {}; by hand: "
                    + "kafka-transactions.sh abort --topic {} --partition {} --start-offset {}]", h.partition(), owner, h.startOffset(),
                    e.toString(), h.partition().topic(), h.partition().partition(), h.startOffset());
        }
    }

    /** Every partition of every topic (with Kafka's own, where the rules' committed offsets are). */
    private Set<TopicPartition> partitions() throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<TopicPartition> out = new HashSet<>();
        topics.values().forEach(t -> t.partitions().forEach(p -> out.add(new TopicPartition(t.name(), p.partition()))));
        return out;
    }

    /** The transactions open on each partition, as its leader reports them. */
    static List<Open> open(Map<TopicPartition, PartitionProducerState> producers) {
        List<Open> out = new ArrayList<>();
        producers.forEach((tp, state) -> {
            for (ProducerState p : state.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    out.add(new Open(tp, p.producerId(), p.producerEpoch(), p.currentTransactionStartOffset().getAsLong(),
                            p.coordinatorEpoch().orElse(-1)));
                }
            }
        });
        return out;
    }

    /**
     * The open transactions their coordinator does not have open on that partition ({@code described}: the
     * coordinator's open transactions by producer id).
     */
    static List<Open> hanging(List<Open> open, Map<Long, TransactionDescription> described) {
        return open.stream().filter(o -> {
            TransactionDescription d = described.get(o.producerId());
            return d == null || !OPEN.contains(d.state()) || !d.topicPartitions().contains(o.partition());
        }).toList();
    }

    /** Transactions open on any partition at the last check (in progress or hanging); -1 when it failed, 0 before the first. */
    int openSeen() {
        return openSeen;
    }

    /** True for a transactional id of this rules application's stream threads ({@code <applicationId>-<processId>-<n>}). */
    static boolean ours(String transactionalId, String applicationId) {
        return transactionalId != null && transactionalId.startsWith(applicationId + "-");
    }

    @Override
    public void close() {
        closed = true;
        admin.close();
    }
}
