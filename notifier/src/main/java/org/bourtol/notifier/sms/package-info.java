/** SMS out: the Twilio gateway (SDK with an injected client), templates, GSM-7 checks and the local Twilio-compatible server. */
package org.bourtol.notifier.sms;
