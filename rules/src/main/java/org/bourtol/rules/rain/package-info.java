/** Flood rule rain-accumulation. */
package org.bourtol.rules.rain;
