/**
 * Getting records into Kafka without losing or doubling them: an acked producer, a durable local spool, the outbox
 * that chooses between them, and the persisted store of ids already handled (SMS MessageSids, MQTT record ids).
 */
package org.bourtol.ingest.publish;
