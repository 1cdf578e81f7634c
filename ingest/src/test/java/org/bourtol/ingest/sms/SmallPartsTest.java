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
    void manySendersWithinTheWindowAreSweptRarelyAndTheLimitStillHolds() {
        // 50,000 senders each writing once within the hour: the first sweep past 10,000 tracked frees nobody, so the
        // next waits for twice as many (until 7 December every message from then on swept them all again)
        RateLimiter l = new RateLimiter(1, Duration.ofHours(1));
        for (int i = 0; i < 50_000; i++) {
            assertEquals(RateLimiter.Verdict.ALLOW, l.check("s" + i, T0.plusMillis(i)));
        }
        assertEquals(3, l.sweeps(), "at 10,001, 20,003 and 40,007 senders");
        assertEquals(50_000, l.tracked());
        assertEquals(RateLimiter.Verdict.TELL, l.check("s7", T0.plusSeconds(60)), "every sender is still counted");

        // an hour later the senders of the first hour are forgotten at the next sweep, the limit is the same
        for (int i = 0; i < 40_000; i++) {
            assertEquals(RateLimiter.Verdict.ALLOW, l.check("t" + i, T0.plusSeconds(3_700).plusMillis(i)));
        }
        assertEquals(4, l.sweeps(), "once more, when 80,015 were tracked");
        assertEquals(40_000, l.tracked(), "the first hour's senders were forgotten");
        assertEquals(RateLimiter.Verdict.ALLOW, l.check("s7", T0.plusSeconds(3_800)), "a forgotten sender starts afresh");
        assertEquals(RateLimiter.Verdict.TELL, l.check("t5", T0.plusSeconds(3_800)), "a tracked sender is still limited");
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
