/** The alert lifecycle: RAISED, UPDATED, RESOLVED and ACKNOWLEDGED events, short codes, one active alert per rule and zone. */
package org.bourtol.rules.lifecycle;
