package org.bourtol.ingest.sms;

import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import java.util.List;
import org.bourtol.ingest.place.Place;

/** What an SMS meant, as understood by {@link SmsParser}: one command, or the problem to tell the sender. */
public sealed interface SmsCommand {

    Language language();

    /** {@code TROUPEAU 250 bovins Konna VERS Djenne}; {@code to} is null without a destination. */
    record Herd(Language language, int count, Species species, Place place, Place to) implements SmsCommand {
    }

    /**
     * {@code ALERTE CONFLIT Konna free text}, or an incident in plain words ({@code freeText}: "bagarre a
     * Konna, 2 blesses"), with the {@code matched} hazard words and the {@code confidence} of the guess
     * (1 for a keyword report); {@code text} is the message as sent.
     */
    record Alert(Language language, ReportType type, Place place, String text, boolean freeText, double confidence,
            List<String> matched) implements SmsCommand {

        /** A report given with the keyword. */
        public Alert(Language language, ReportType type, Place place, String text) {
            this(language, type, place, text, false, 1.0, List.of());
        }

        public Alert {
            matched = List.copyOf(matched);
        }
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

    /**
     * {@code FAIT K7Q mediation tenue} / {@code DONE K7Q …}: an action taken on the alert with that code;
     * {@code text} is what was done, as typed (not yet masked or shortened).
     */
    record Action(Language language, String code, String text) implements SmsCommand {
    }

    /**
     * {@code FAUX K7Q} / {@code FALSE K7Q}: in the sender's view the alert with that code was a false
     * alarm; {@code text} is an optional comment, as typed, or null.
     */
    record FalseAlarm(Language language, String code, String text) implements SmsCommand {
    }

    /** {@code AIDE} / {@code HELP}. */
    record Help(Language language) implements SmsCommand {
    }

    /**
     * Not understood, but it names a known place or a hazard word: an unstructured community report for
     * an officer to read. {@code place} and {@code type} are the guesses (null when none), {@code matched}
     * the hazard words found, {@code reason} why it was not understood (English, for the officer), and
     * {@code problem} the precise problem to tell the sender as well, or null.
     */
    record Triage(Language language, Place place, ReportType type, List<String> matched, String reason, Problem problem)
            implements SmsCommand {

        public Triage {
            matched = List.copyOf(matched);
        }
    }

    /**
     * Not understood. {@code code} is a stable machine reason (metric label, rejected record),
     * {@code reply} the exact problem and a valid example in the sender's language (one GSM-7 segment),
     * {@code reason} the same for a person reading the rejected topic, in English, {@code hint} the problem
     * alone in the sender's language (without the example).
     */
    record Problem(Language language, String code, String reply, String reason, String hint) implements SmsCommand {
    }
}
