package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

    private static final TopicPartition ALERTS = new TopicPartition("bourtol.alerts.v1", 0);
    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 1);

    @Test
    void onlyAProducerWithATransactionStartOffsetHasATransactionOpen() {
        ProducerState idempotent = new ProducerState(7, 0, 41, 1_000, OptionalInt.empty(), OptionalLong.empty());
        ProducerState inTransaction = new ProducerState(18004, 56, 3, 1_000, OptionalInt.of(36), OptionalLong.of(1200));
        List<HangingTransactions.Open> open = HangingTransactions.open(Map.of(ALERTS, new PartitionProducerState(List.of(idempotent,
                inTransaction))));
        assertEquals(List.of(new HangingTransactions.Open(ALERTS, 18004, 56, 1200, 36)), open);
        assertEquals(36, open.get(0).spec().coordinatorEpoch());
        assertEquals(56, open.get(0).spec().producerEpoch());
    }

    @Test
    void aTransactionItsCoordinatorHasOpenOnThePartitionIsInProgressNotHanging() {
        HangingTransactions.Open open = new HangingTransactions.Open(ALERTS, 18004, 56, 1200, 36);
        for (TransactionState state : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT)) {
            assertEquals(List.of(), HangingTransactions.hanging(List.of(open), Map.of(18004L, description(state, ALERTS, OFFSETS))), state.toString());
        }
    }

    @Test
    void aTransactionItsCoordinatorCompletedOrHasOpenElsewhereHangs() {
        HangingTransactions.Open alerts = new HangingTransactions.Open(ALERTS, 18004, 56, 1200, 36);
        HangingTransactions.Open offsets = new HangingTransactions.Open(OFFSETS, 18004, 56, 310, 36);
        // the case seen after an unclean restart: completed (markers skipped), no longer described as open
        assertEquals(List.of(alerts, offsets), HangingTransactions.hanging(List.of(alerts, offsets), Map.of()));
        // the coordinator's open transaction of that producer does not include the partition
        assertEquals(List.of(offsets), HangingTransactions.hanging(List.of(alerts, offsets),
                Map.of(18004L, description(TransactionState.ONGOING, ALERTS))));
        assertEquals(List.of(alerts), HangingTransactions.hanging(List.of(alerts),
                Map.of(18004L, description(TransactionState.COMPLETE_COMMIT, ALERTS))));
    }

    @Test
    void onlyTheRulesOwnTransactionalIdsAreAborted() {
        assertTrue(HangingTransactions.ours("bourtol-rules-3da8a753-413b-4f47-a334-9a819357fa4d-1", "bourtol-rules"));
        assertFalse(HangingTransactions.ours("bourtol-rules2-x-1", "bourtol-rules"));
        assertFalse(HangingTransactions.ours("payments-1", "bourtol-rules"));
        assertFalse(HangingTransactions.ours(null, "bourtol-rules"));
    }

    private static TransactionDescription description(TransactionState state, TopicPartition... partitions) {
        return new TransactionDescription(1, state, 18004, 56, 10_000, OptionalLong.of(1_000), Set.of(partitions));
    }
}
