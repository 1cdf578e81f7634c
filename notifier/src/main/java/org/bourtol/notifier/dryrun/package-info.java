/** The notifier's planning, grouping and throttling run on a simulated clock, sending nothing: what a sequence of alerts would text. */
package org.bourtol.notifier.dryrun;
