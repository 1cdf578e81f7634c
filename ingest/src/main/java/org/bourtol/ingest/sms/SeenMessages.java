package org.bourtol.ingest.sms;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bourtol.ingest.publish.SeenIds;

/**
 * The MessageSids already ingested, with the reply given, so a Twilio retry is answered again but not
 * ingested twice, also after a restart: a {@link SeenIds} store in {@code dir/sms-seen.log} (bounded,
 * TTL'd — Twilio retries within minutes, a week is kept — fsync'd per message). With several ingest
 * instances a retry that reaches another instance yields a record with the same id
 * ({@code sms-<MessageSid>}), which consumers recognise. Thread-safe.
 */
public final class SeenMessages implements AutoCloseable {

    private final SeenIds ids;

    public SeenMessages(Path dir, int max, Duration ttl, Instant now) {
        this.ids = new SeenIds(dir, "sms-seen.log", max, ttl, now);
    }

    /** The reply given to this MessageSid, if it was ingested within the TTL. */
    public Optional<String> reply(String messageSid, Instant now) {
        return ids.value(messageSid, now);
    }

    /** Records the MessageSid durably (fsync) before the reply is sent. */
    public void remember(String messageSid, String reply, Instant now) {
        if (!messageSid.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("unexpected MessageSid format");
        }
        ids.remember(messageSid, reply, now);
    }

    public int size() {
        return ids.size();
    }

    @Override
    public void close() {
        ids.close();
    }
}
