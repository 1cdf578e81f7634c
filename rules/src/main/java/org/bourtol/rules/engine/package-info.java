/** The generic rule machinery: verdicts, timelines for late data, global zone/rule stores and the family topology. */
package org.bourtol.rules.engine;
