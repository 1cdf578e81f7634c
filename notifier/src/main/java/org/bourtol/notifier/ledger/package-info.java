/** The delivery ledger on bourtol.deliveries.v1: intents before sending, outcomes after, read back on start and takeover. */
package org.bourtol.notifier.ledger;
