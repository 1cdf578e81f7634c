/** Backtests: a candidate rule set replayed over past observations through the production topology, compared with what was raised. */
package org.bourtol.rules.backtest;
