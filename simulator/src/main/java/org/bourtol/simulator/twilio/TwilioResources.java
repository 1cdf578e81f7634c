package org.bourtol.simulator.twilio;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio's JSON shapes as the local server answers them: message resources and error bodies. */
final class TwilioResources {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TwilioResources() {
    }

    static JsonObject error(int code, String message) {
        return new JsonObject().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", statusOf(code));
    }

    private static int statusOf(int code) {
        return code >= 20400 && code < 20600 ? code - 20000 : code == 20003 ? 401 : 400;
    }

    static JsonObject message(LocalTwilioServer.Message m, String status) {
        String date = MessageFilter.RFC2822.format(m.dateCreated());
        String uri = "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid();
        return new JsonObject().put("account_sid", m.accountSid()).put("api_version", "2010-04-01").put("body", m.body())
                .put("date_created", date).put("date_sent", date).put("date_updated", date).put("direction", "outbound-api")
                .put("error_code", null).put("error_message", null).put("from", m.from())
                .put("messaging_service_sid", m.messagingServiceSid()).put("num_media", "0")
                .put("num_segments", String.valueOf(m.numSegments())).put("price", null).put("price_unit", "USD")
                .put("sid", m.sid()).put("status", status).put("to", m.to()).put("uri", uri + ".json")
                .put("subresource_uris", new JsonObject().put("media", uri + "/Media.json"));
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
