/** Repeats, escalation and all-clears: the policy as data and the pure planner that decides what is due. */
package org.bourtol.notifier.escalation;
