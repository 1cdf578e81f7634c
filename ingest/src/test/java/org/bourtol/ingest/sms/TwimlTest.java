package org.bourtol.ingest.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The webhook's TwiML reply is the document the Twilio SDK's {@code MessagingResponse} writes for it. */
class TwimlTest {

    @Test
    void aReplyIsTheSdksDocumentEscapesAndNonLatinTextIncluded() throws Exception {
        for (String reply : List.of("Recu R7K2: 250 bovins a Konna. Merci.", "Recu R7K2: Konna & Djenne <Mopti> \"ok\" 'oui'",
                "Niveau du fleuve à Ségou : 540 cm — crue", "ߒߞߏ 🐄", "a\nb")) {
            String sdk = new MessagingResponse.Builder().message(new Message.Builder().body(new Body.Builder(reply).build()).build())
                    .build().toXml();
            String ours = SmsWebhook.twimlOf(reply);
            assertTrue(parse(sdk).isEqualNode(parse(ours)), sdk + "\n" + ours);
            assertEquals(reply, parse(ours).getElementsByTagName("Body").item(0).getTextContent());
            assertTrue(ours.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message><Body>"), ours);
        }
        String plain = "Recu R7K2: 250 bovins a Konna. Merci.";
        assertEquals(new MessagingResponse.Builder().message(new Message.Builder().body(new Body.Builder(plain).build()).build())
                .build().toXml(), SmsWebhook.twimlOf(plain), "byte for byte where there is nothing to escape");
    }

    @Test
    void anEmptyReplyIsAnEmptyResponse() {
        assertEquals(new MessagingResponse.Builder().build().toXml(), SmsWebhook.twimlOf(""));
        assertEquals(SmsWebhook.twimlOf(""), SmsWebhook.twimlOf(null));
    }

    private static Document parse(String xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        d.normalizeDocument();
        return d;
    }
}
