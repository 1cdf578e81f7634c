/** HTTP APIs of the rules component: zones, rules (with history) and alerts (with ack and outcome). */
package org.bourtol.rules.api;
