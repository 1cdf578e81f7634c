/** The wire contract shared by every Bourtol deployable: event records, topics, serdes and typed configuration. */
package org.bourtol.contracts;
