package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bourtol.contracts.privacy.Phones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limit, dedup store, receipt codes and payload masking. */
class SmallPartsTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void rateLimitIsASlidingHourPerSender() {
        RateLimiter l = new RateLimiter(2, Duration.ofHours(1));
        assertTrue(l.allow("a", T0));
        assertTrue(l.allow("a", T0.plusSeconds(60)));
        assertFalse(l.allow("a", T0.plusSeconds(120)));
        assertTrue(l.allow("b", T0.plusSeconds(120)));
        assertTrue(l.allow("a", T0.plusSeconds(3601)));
    }

    @Test
    void overTheLimitTheSenderIsToldOncePerWindowThenAnsweredWithNothing() {
        RateLimiter l = new RateLimiter(1, Duration.ofHours(1));
        assertEquals(RateLimiter.Verdict.ALLOW, l.check("a", T0));
        assertEquals(RateLimiter.Verdict.TELL, l.check("a", T0.plusSeconds(10)));
        assertEquals(RateLimiter.Verdict.SILENT, l.check("a", T0.plusSeconds(20)));
        assertEquals(RateLimiter.Verdict.SILENT, l.check("a", T0.plusSeconds(3000)));
        assertEquals(RateLimiter.Verdict.ALLOW, l.check("b", T0.plusSeconds(30)));
        assertEquals(RateLimiter.Verdict.TELL, l.check("b", T0.plusSeconds(40)), "another sender is told on its own");
        assertEquals(RateLimiter.Verdict.ALLOW, l.check("a", T0.plusSeconds(3601)));
        assertEquals(RateLimiter.Verdict.SILENT, l.check("a", T0.plusSeconds(3602)), "told less than a window ago");
        assertEquals(RateLimiter.Verdict.TELL, l.check("a", T0.plusSeconds(3611)), "told again a window after the last time");
        assertEquals(RateLimiter.Verdict.SILENT, l.check("a", T0.plusSeconds(3612)));
    }

    @Test
    void seenMessagesSurviveRestartAndExpire() {
        try (SeenMessages s = new SeenMessages(dir, 10, Duration.ofDays(7), T0)) {
            s.remember("SM1", "Recu AAAA: ok. Merci.", T0);
            assertEquals(Optional.of("Recu AAAA: ok. Merci."), s.reply("SM1", T0));
        }
        try (SeenMessages s = new SeenMessages(dir, 10, Duration.ofDays(7), T0.plusSeconds(5))) {
            assertEquals(Optional.of("Recu AAAA: ok. Merci."), s.reply("SM1", T0.plusSeconds(5)));
            assertEquals(Optional.empty(), s.reply("SM1", T0.plus(Duration.ofDays(8))));
        }
        try (SeenMessages s = new SeenMessages(dir, 10, Duration.ofDays(7), T0.plus(Duration.ofDays(8)))) {
            assertEquals(0, s.size());
        }
    }

    @Test
    void seenMessagesAreBounded() {
        try (SeenMessages s = new SeenMessages(dir, 3, Duration.ofDays(7), T0)) {
            for (int i = 0; i < 5; i++) {
                s.remember("SM" + i, "r", T0);
            }
            assertEquals(3, s.size());
            assertEquals(Optional.empty(), s.reply("SM0", T0));
        }
    }

    @Test
    void receiptCodesAreStableAndUnambiguous() {
        assertEquals(ReceiptCode.of("SM123"), ReceiptCode.of("SM123"));
        assertTrue(ReceiptCode.of("SM123").matches("[ACDEFHJKLMNPRTUVWXY34679]{4}"));
    }

    @Test
    void payloadMaskHidesPhonesButKeepsDatesAndDecimals() {
        String masked = Phones.maskInPayload("{\"from\":\"+22376000001\",\"alt\":\"76000001\",\"t\":\"2026-11-24T07:00:00Z\",\"lat\":14.155}");
        assertFalse(masked.contains("76000001"), masked);
        assertTrue(masked.contains("2026-11-24T07:00:00Z") && masked.contains("14.155") && masked.contains("+223****0001"), masked);
    }
}
