/** Conflict rule conflict-risk-score: weighted active indicators per commune to green/yellow/orange/red. */
package org.bourtol.rules.riskscore;
