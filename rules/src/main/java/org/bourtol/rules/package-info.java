/** The rules component: conflict-risk and flood rules evaluated on Kafka Streams, with the alert lifecycle. */
package org.bourtol.rules;
