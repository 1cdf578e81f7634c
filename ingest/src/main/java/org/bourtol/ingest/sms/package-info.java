/** SMS from focal points: the grammar (pure parser), reply templates within one GSM-7 segment, and the Twilio webhook. */
package org.bourtol.ingest.sms;
