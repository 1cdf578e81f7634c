package org.bourtol.launcher.bench;

import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.kafka.KafkaClients;

/**
 * The Bourtol a bench measures: its configuration, Kafka clients, the MQTT URL and accounts (a publisher allowed to
 * write device readings, and a pair allowed to publish and subscribe one topic for the raw baseline), its HTTP base
 * URL and Twilio auth token (null: no SMS hop), and the notifier's local Twilio sink (null: no notifier hop).
 */
record Target(BourtolConfig config, KafkaClients kafka, String mqttUrl, Account gateway, Account rawPublisher, Account rawSubscriber,
        String rawTopic, String httpBase, String twilioToken, LocalTwilioServer sink, boolean embedded) {

    /** One MQTT account (user null: anonymous). */
    record Account(String user, String password) {
    }
}
