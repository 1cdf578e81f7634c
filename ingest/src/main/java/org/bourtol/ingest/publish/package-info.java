/** Getting records into Kafka without losing them: an acked producer, a durable local spool and the outbox that chooses between them. */
package org.bourtol.ingest.publish;
