package org.bourtol.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.platform.http.TwilioSigner;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;

/**
 * HTTP calls and signed SMS against a running platform, as an outsider (or the console) makes them: JSON API calls with a bearer
 * token against an {@link Instance} or any base URL ({@code http://127.0.0.1:PORT}, e.g. a Bourtol in another process).
 */
public final class EmbeddedApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmbeddedApi() {
    }

    /** A request with a bearer token (none when null) and a JSON body (none when null). */
    public static HttpResponse<String> send(Instance p, String method, String path, String token, String body) {
        return send(p.httpBase(), method, path, token, body);
    }

    /** The same against the Bourtol at {@code base} ({@code http://127.0.0.1:PORT}). */
    public static HttpResponse<String> send(String base, String method, String path, String token, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** The JSON answer (null when empty), after checking the status. */
    public static JsonNode call(Instance p, String method, String path, String token, String body, int expected) {
        return call(p.httpBase(), method, path, token, body, expected);
    }

    /** The same against the Bourtol at {@code base} ({@code http://127.0.0.1:PORT}). */
    public static JsonNode call(String base, String method, String path, String token, String body, int expected) {
        HttpResponse<String> res = send(base, method, path, token, body);
        assertEquals(expected, res.statusCode(), method + " " + path + ": " + res.body());
        try {
            return res.body().isEmpty() ? null : Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " answered no JSON: " + res.body(), e);
        }
    }

    /**
     * A new API token from {@code POST /api/v1/tokens} with {@code adminToken} (checked: 201): named {@code name}, of
     * {@code role}, valid for {@code ttl} (an ISO-8601 duration; null: the default); the JSON answer, with the bearer token
     * in {@code token}.
     */
    public static JsonNode newToken(String base, String adminToken, String name, String role, String ttl) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("role", role);
        if (ttl != null) {
            body.put("ttl", ttl);
        }
        return call(base, "POST", "/api/v1/tokens", adminToken, body.toString(), 201);
    }

    /** The bearer token of a new API token of {@code role} (default lifetime), created with {@code adminToken}. */
    public static String token(String base, String adminToken, String name, String role) {
        return newToken(base, adminToken, name, role, null).get("token").asText();
    }

    /** The same against an {@link Instance}. */
    public static String token(Instance p, String adminToken, String name, String role) {
        return token(p.httpBase(), adminToken, name, role);
    }

    public static JsonNode get(Instance p, String path, String token) {
        return call(p, "GET", path, token, null, 200);
    }

    public static JsonNode first(JsonNode list) {
        return list.size() == 0 ? null : list.get(0);
    }

    /** An SMS from {@code from}, posted to the inbound webhook with a valid Twilio signature. */
    public static SmsSender.Result sms(Instance p, String twilioToken, String from, String text) throws Exception {
        return sms(p, twilioToken, newSid(), from, text);
    }

    /** The same with a chosen MessageSid. */
    public static SmsSender.Result sms(Instance p, String twilioToken, String sid, String from, String text) throws Exception {
        return sms(p.httpBase(), twilioToken, sid, from, text);
    }

    /** The same against the Bourtol at {@code base}, whose public URL is {@code base}. */
    public static SmsSender.Result sms(String base, String twilioToken, String sid, String from, String text) throws Exception {
        SmsSender sender = new SmsSender(base, base, twilioToken, "+22370000000", "AC" + "0".repeat(32));
        return sender.send(new Emission.Sms(Instant.now(), sid, from, text, null));
    }

    public static String newSid() {
        byte[] sid = new byte[16];
        ThreadLocalRandom.current().nextBytes(sid);
        return "SM" + HexFormat.of().formatHex(sid);
    }

    /** A form POST as Twilio makes it, with {@code signature} as X-Twilio-Signature (none when null). */
    public static HttpResponse<String> form(Instance p, String path, Map<String, String> form, String signature) {
        return form(p, "POST", path, form, signature);
    }

    /** The same with another method (an empty form is no body). */
    public static HttpResponse<String> form(Instance p, String method, String path, Map<String, String> form, String signature) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(p.httpBase() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .method(method, form.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Twilio-Signature", signature);
        }
        try {
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** Twilio's signature of a form posted to {@code path} of this instance (its public URL is its HTTP base). */
    public static String signature(Instance p, String twilioToken, String path, Map<String, String> form) {
        return new TwilioSigner(twilioToken).sign(p.httpBase() + path, form);
    }
}
