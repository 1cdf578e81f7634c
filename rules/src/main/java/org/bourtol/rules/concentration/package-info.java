/** Conflict rule herd-concentration: distinct herds at a water point, pasture or market beyond its capacity. */
package org.bourtol.rules.concentration;
