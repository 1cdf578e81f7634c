/** Flood rule upstream-lead: an upstream crossing announces a downstream flood after a travel time. */
package org.bourtol.rules.upstream;
