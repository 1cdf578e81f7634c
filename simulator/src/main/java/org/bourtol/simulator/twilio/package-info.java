/**
 * A local Twilio-compatible server (the subset of Twilio's REST API the notifier uses, signed status
 * callbacks, fault injection): the SMS sink of {@code bourtol demo} and {@code run --embedded} when no
 * Twilio credentials are set (the launcher starts it; the notifier only knows its URL), and the
 * "Twilio" of the integration tests. Never used when Twilio is configured.
 */
package org.bourtol.simulator.twilio;
