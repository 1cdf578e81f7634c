/** Outcomes of notifications on {@code bourtol.deliveries.v1}. */
package org.bourtol.contracts.delivery;
