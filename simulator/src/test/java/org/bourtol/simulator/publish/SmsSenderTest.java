package org.bourtol.simulator.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsSenderTest {

    @Test
    void readsTheReplyOfTwilioTwiml() {
        String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message><Body>Recu R7K2: 250 bovins a Konna &amp; Djenne. Merci.</Body></Message></Response>";
        assertEquals("Recu R7K2: 250 bovins a Konna & Djenne. Merci.", SmsSender.replyText(twiml));
        assertTrue(new SmsSender.Result(200, SmsSender.replyText(twiml)).receipt());
        assertEquals("Nombre manquant", SmsSender.replyText("<Response><Message>Nombre manquant</Message></Response>"));
        assertNull(SmsSender.replyText("<Response/>"));
    }
}
