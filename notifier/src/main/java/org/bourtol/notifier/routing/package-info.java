/** Who hears about an alert: zone hierarchy, hazard, minimum severity and quiet hours (pure functions). */
package org.bourtol.notifier.routing;
