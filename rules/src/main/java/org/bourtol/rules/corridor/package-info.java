/** Conflict rule corridor-deviation: herds leaving their transhumance corridor. */
package org.bourtol.rules.corridor;
