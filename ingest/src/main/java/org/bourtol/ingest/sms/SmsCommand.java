package org.bourtol.ingest.sms;

import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.ingest.place.Place;

/** What an SMS meant, as understood by {@link SmsParser}: one command, or the problem to tell the sender. */
public sealed interface SmsCommand {

    Language language();

    /** {@code TROUPEAU 250 bovins Konna VERS Djenne}; {@code to} is null without a destination. */
    record Herd(Language language, int count, Species species, Place place, Place to) implements SmsCommand {
    }

    /** {@code ALERTE CONFLIT Konna free text}; {@code text} is the message as sent. */
    record Alert(Language language, ReportType type, Place place, String text) implements SmsCommand {
    }

    /** {@code NIVEAU Mopti 640}: a staff gauge reading in cm. */
    record Level(Language language, Place station, int cm) implements SmsCommand {
    }

    /** {@code PLUIE Mopti 12}: rain over the last day, in mm. */
    record Rain(Language language, Place station, double mm) implements SmsCommand {
    }

    /** {@code OK K7Q}: acknowledges the alert with that code. */
    record Ack(Language language, String code) implements SmsCommand {
    }

    /** {@code AIDE} / {@code HELP}. */
    record Help(Language language) implements SmsCommand {
    }

    /**
     * Not understood. {@code code} is a stable machine reason (metric label, rejected record),
     * {@code reply} the exact problem and a valid example in the sender's language (one GSM-7 segment),
     * {@code reason} the same for a person reading the rejected topic, in English.
     */
    record Problem(Language language, String code, String reply, String reason) implements SmsCommand {
    }
}
