/** The scenario model: a pure, seeded generator of a Sahel season (herds, gauges, rain, focal-point SMS) and its ground truth. */
package org.bourtol.simulator.scenario;
