package org.bourtol.notifier.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local Twilio server answers the real Twilio SDK like Twilio does. */
class LocalTwilioServerTest {

    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    static Vertx vertx;
    static LocalTwilioServer server;
    static TwilioGateway gateway;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = LocalTwilioServer.start(vertx, 0).requireCredentials(SID, "secret");
        TwilioRestClient client = new TwilioRestClient.Builder(SID, "secret").httpClient(new BaseUrlHttpClient(server.baseUrl())).build();
        gateway = new TwilioGateway(client, "+15005550006", null, "http://127.0.0.1:1/sms/status");
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void acceptsAMessageAndListsIt() {
        List<LocalTwilioServer.Message> seen = new ArrayList<>();
        server.onMessage(seen::add);
        SendResult r = gateway.send("+22790000001", "Crue a Niamey: 640 cm. Repondez OK K7Q");
        LocalTwilioServer.Message m = server.messages().get(0);
        assertEquals(new SendResult.Accepted(m.sid(), "queued"), r);
        assertTrue(m.sid().matches("SM[0-9a-f]{32}"));
        assertEquals(1, m.numSegments());
        assertEquals("+15005550006", m.from());
        assertEquals("http://127.0.0.1:1/sms/status", m.statusCallback());
        assertTrue(seen.get(0).toString().contains("+227****0001"));
        assertEquals(1, gateway.sentTo("+22790000001", Instant.now().minusSeconds(60)).size());
        assertEquals(0, gateway.sentTo("+22790000002", Instant.now().minusSeconds(60)).size());
        assertEquals(0, gateway.sentTo("+22790000001", Instant.now().plusSeconds(60)).size());
    }

    @Test
    void injectsFaults() {
        server.failNext(1, LocalTwilioServer.Fault.serverError()).failNext(1, LocalTwilioServer.Fault.tooManyRequests());
        server.failTo("+22790000009", LocalTwilioServer.Fault.invalidTo());
        SendResult first = gateway.send("+22790000001", "a");
        SendResult second = gateway.send("+22790000001", "b");
        assertEquals(500, assertInstanceOf(SendResult.Retryable.class, first).httpStatus());
        assertEquals(429, assertInstanceOf(SendResult.Retryable.class, second).httpStatus());
        assertInstanceOf(SendResult.Accepted.class, gateway.send("+22790000001", "c"));
        SendResult.Rejected dead = assertInstanceOf(SendResult.Rejected.class, gateway.send("+22790000009", "d"));
        assertEquals("21211", dead.errorCode());
        assertEquals(400, dead.httpStatus());
        assertEquals(1, server.messages().size());
        assertEquals(4, server.requests().stream().filter(q -> q.method().equals("POST")).count());
    }

    @Test
    void dropAfterAcceptIsAmbiguous() {
        server.failNext(1, LocalTwilioServer.Fault.acceptThenDrop());
        SendResult r = gateway.send("+22790000001", "x");
        assertTrue(assertInstanceOf(SendResult.Retryable.class, r).ambiguous());
        assertEquals(1, server.messages().size());
    }

    @Test
    void aSlowAnswerComesLateButAccepts() {
        Duration delay = Duration.ofMillis(700);
        server.failNext(1, LocalTwilioServer.Fault.slow(delay));
        Instant start = Instant.now();
        SendResult r = gateway.send("+22790000001", "x");
        assertInstanceOf(SendResult.Accepted.class, r);
        assertTrue(!Duration.between(start, Instant.now()).minus(delay).isNegative(), "answered only after the delay");
        assertEquals(1, server.messages().size());
        assertInstanceOf(SendResult.Accepted.class, gateway.send("+22790000001", "y"), "the fault was for one request");
    }

    @Test
    void noAnswerLeavesTheClientToItsTimeoutAndStoresNothing() throws Exception {
        server.failTo("+22790000001", LocalTwilioServer.Fault.noAnswer());
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/2010-04-01/Accounts/" + SID + "/Messages.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SID + ":secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B22790000001&From=%2B15005550006&Body=x")).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(post, HttpResponse.BodyHandlers.ofString()));
        assertEquals(0, server.messages().size());
        assertEquals(0, server.requests().get(0).status());
        server.clearFaults();
        assertInstanceOf(SendResult.Accepted.class, gateway.send("+22790000001", "y"));
    }

    @Test
    void keepsOnlyTheLatestMessagesAndRequests() throws Exception {
        LocalTwilioServer small = new LocalTwilioServer(vertx, 3).listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .requireCredentials(SID, "secret");
        try {
            TwilioRestClient client = new TwilioRestClient.Builder(SID, "secret").httpClient(new BaseUrlHttpClient(small.baseUrl())).build();
            TwilioGateway to = new TwilioGateway(client, "+15005550006", null, null);
            List<String> sids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                sids.add(assertInstanceOf(SendResult.Accepted.class, to.send("+2279000000" + i, "n" + i)).sid());
            }
            assertEquals(sids.subList(2, 5), small.messages().stream().map(LocalTwilioServer.Message::sid).toList(), "the latest three, oldest first");
            assertEquals(List.of("n3", "n4", "n5"), small.messages().stream().map(LocalTwilioServer.Message::body).toList());
            assertEquals(3, small.requests().size());
            assertEquals(0, to.sentTo("+22790000001", Instant.now().minusSeconds(60)).size(), "forgotten: not listed");
            assertEquals(1, to.sentTo("+22790000005", Instant.now().minusSeconds(60)).size());
            assertEquals(404, get(small, sids.get(0)), "a forgotten message is unknown, as an unknown SID is to Twilio");
            assertEquals(200, get(small, sids.get(4)));
        } finally {
            small.close();
        }
        assertThrows(IllegalArgumentException.class, () -> new LocalTwilioServer(vertx, 0));
    }

    private static int get(LocalTwilioServer on, String sid) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(on.baseUrl() + "/2010-04-01/Accounts/" + SID + "/Messages/" + sid + ".json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SID + ":secret").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void refusesWrongCredentials() {
        TwilioRestClient bad = new TwilioRestClient.Builder(SID, "wrong").httpClient(new BaseUrlHttpClient(server.baseUrl())).build();
        SendResult r = new TwilioGateway(bad, "+15005550006", null, null).send("+22790000001", "x");
        assertEquals("20003", assertInstanceOf(SendResult.Rejected.class, r).errorCode());
    }
}
