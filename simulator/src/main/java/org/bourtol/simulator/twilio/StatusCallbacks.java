package org.bourtol.simulator.twilio;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bourtol.platform.http.TwilioSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts Twilio-style signed status callbacks ({@code sent}, then {@code delivered}) for the local server. */
final class StatusCallbacks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusCallbacks.class);

    private final HttpClient client;

    StatusCallbacks(Vertx vertx) {
        this.client = vertx.createHttpClient();
    }

    void post(LocalTwilioServer.Message m, String authToken) {
        send(m, "sent", authToken).onComplete(r -> send(m, "delivered", authToken));
    }

    private io.vertx.core.Future<Void> send(LocalTwilioServer.Message m, String status, String authToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", m.sid());
        params.put("SmsSid", m.sid());
        params.put("AccountSid", m.accountSid());
        params.put("From", m.from() == null ? "" : m.from());
        params.put("To", m.to());
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(m.statusCallback())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", signature(authToken, m.statusCallback(), params));
        return client.request(options).compose(req -> req.send(Buffer.buffer(form.toString())))
                .<Void>mapEmpty()
                .onFailure(e -> LOG.warn("status callback failed [sid: {}, status: {}, reason: {}]", m.sid(), status, e.getMessage()));
    }

    /** Twilio's X-Twilio-Signature: Base64(HMAC-SHA1(token, url + sorted name+value pairs)). */
    static String signature(String authToken, String url, Map<String, String> params) {
        return new TwilioSigner(authToken).sign(url, params);
    }

    @Override
    public void close() {
        client.close();
    }
}
