package org.bourtol.simulator.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.text.Gsm7;

/**
 * A local Twilio-compatible HTTP server: the subset of the 2010-04-01 REST API the notifier uses
 * ({@code POST …/Messages.json}, {@code GET …/Messages.json} filtered by {@code To} and
 * {@code DateSent}, {@code GET …/Messages/{Sid}.json}). It is the SMS sink of {@code bourtol demo}
 * and the "Twilio" of the notifier's ITs: it records every request, answers like Twilio (201 with a
 * message resource, Twilio error bodies with their codes), can inject faults ({@link #failNext},
 * {@link #failTo}: error answers, accepted then dropped, slow answers, no answer) and tells listeners about
 * every accepted SMS ({@link #onMessage}). With
 * {@link #statusCallbacks(String)} it also posts signed {@code sent} and {@code delivered} status
 * callbacks to the message's {@code StatusCallback}, as Twilio does.
 * It keeps the most recent {@link #RETAINED} messages and requests (a long-running embedded instance without Twilio sends
 * here for as long as it runs): older ones are forgotten, and a {@code GET} of a forgotten message answers 404 as Twilio
 * does for an unknown SID. Binds loopback only; port 0 picks a free port.
 */
public final class LocalTwilioServer implements AutoCloseable {

    /** One request as received, with the status answered (0 when the connection was dropped). */
    public record Request(String method, String path, String accountSid, String username, Map<String, List<String>> params,
            int status, Instant at) {
        public String param(String name) {
            List<String> v = params.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** An accepted SMS. {@code toString()} masks the number, so a console may print it. */
    public record Message(String sid, String accountSid, String to, String from, String messagingServiceSid, String body,
            int numSegments, String statusCallback, Instant dateCreated) {
        @Override
        public String toString() {
            return "SMS " + sid + " to " + Phones.mask(to) + " (" + numSegments + " segment" + (numSegments == 1 ? "" : "s")
                    + "): " + body;
        }
    }

    /**
     * An injected answer instead of the normal one: an HTTP status with Twilio's error code,
     * {@link #acceptThenDrop()} which stores the message (Twilio has it) and then closes the connection
     * without an answer — the window the notifier's reconciliation exists for — {@link #slow} (the normal
     * answer, late) or {@link #noAnswer()} (nothing stored, no answer: the client's read timeout decides).
     * {@code delay} is how long the server waits before it acts.
     */
    public record Fault(int status, int code, String message, boolean acceptThenDropConnection, Duration delay) {
        public Fault(int status, int code, String message, boolean acceptThenDropConnection) {
            this(status, code, message, acceptThenDropConnection, Duration.ZERO);
        }

        public static Fault serverError() {
            return new Fault(500, 20500, "Internal Server Error", false);
        }

        public static Fault serviceUnavailable() {
            return new Fault(503, 20503, "Service Unavailable", false);
        }

        public static Fault tooManyRequests() {
            return new Fault(429, 20429, "Too Many Requests", false);
        }

        public static Fault invalidTo() {
            return new Fault(400, 21211, "Invalid 'To' Phone Number", false);
        }

        public static Fault unreachable() {
            return new Fault(400, 21614, "'To' number is not a valid mobile number", false);
        }

        public static Fault acceptThenDrop() {
            return new Fault(201, 0, null, true);
        }

        /** The message is accepted and answered as usual, but only after {@code delay} (a slow or congested Twilio). */
        public static Fault slow(Duration delay) {
            return new Fault(201, 0, null, false, delay);
        }

        /** The request is read and never answered, and nothing is stored: the client times out. */
        public static Fault noAnswer() {
            return new Fault(0, 0, null, false);
        }

        boolean normalAnswer() {
            return status == 201 && !acceptThenDropConnection;
        }
    }

    private static final String API = "/2010-04-01/Accounts/:accountSid";

    /** How many of the latest messages, and of the latest requests, are kept. */
    public static final int RETAINED = 10_000;

    private final Vertx vertx;
    private final Recent<Request> requests;
    private final Recent<Message> messages;
    private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();
    private final List<Fault> nextFaults = new ArrayList<>();
    private final Map<String, Fault> faultsByTo = new ConcurrentHashMap<>();
    private final AtomicReference<String[]> credentials = new AtomicReference<>();
    private final StatusCallbacks callbacks;
    private volatile String callbackToken;
    private HttpServer server;

    public LocalTwilioServer(Vertx vertx) {
        this(vertx, RETAINED);
    }

    /** A server keeping the latest {@code retained} messages and requests. */
    public LocalTwilioServer(Vertx vertx, int retained) {
        if (retained < 1) {
            throw new IllegalArgumentException("retained must be at least 1: " + retained);
        }
        this.vertx = vertx;
        this.callbacks = new StatusCallbacks(vertx);
        this.requests = new Recent<>(retained);
        this.messages = new Recent<>(retained);
    }

    /** Starts listening on 127.0.0.1 (port 0 = a free port). */
    public Future<LocalTwilioServer> listen(int port) {
        return listen("127.0.0.1", port);
    }

    public Future<LocalTwilioServer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.post(API + "/Messages.json").handler(this::create);
        router.get(API + "/Messages.json").handler(this::list);
        router.get(API + "/Messages/:messageFile").handler(this::fetch);
        router.route().handler(ctx -> answer(ctx, 404, TwilioResources.error(20404, "The requested resource was not found")));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return this;
        });
    }

    /** Blocking start for plain threads (CLI, tests). Never call it on an event loop. */
    public static LocalTwilioServer start(Vertx vertx, int port) {
        try {
            return new LocalTwilioServer(vertx).listen(port).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("local Twilio server did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The base URL to configure as {@code TWILIO_API_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Only these Basic credentials are accepted (by default any Basic credentials are, as Prism does). */
    public LocalTwilioServer requireCredentials(String accountSid, String authToken) {
        credentials.set(new String[] {accountSid, authToken});
        return this;
    }

    /** Posts signed {@code sent} then {@code delivered} callbacks to each message's StatusCallback URL. */
    public LocalTwilioServer statusCallbacks(String authToken) {
        this.callbackToken = authToken;
        return this;
    }

    /** Calls the listener (on the server's event loop: keep it short) for every accepted SMS. */
    public LocalTwilioServer onMessage(Consumer<Message> listener) {
        listeners.add(listener);
        return this;
    }

    /** The next {@code times} message-create requests get this fault instead of the normal answer. */
    public synchronized LocalTwilioServer failNext(int times, Fault fault) {
        for (int i = 0; i < times; i++) {
            nextFaults.add(fault);
        }
        return this;
    }

    /** Every message-create request to this number gets the fault (e.g. a dead number: {@link Fault#invalidTo()}). */
    public LocalTwilioServer failTo(String to, Fault fault) {
        faultsByTo.put(to, fault);
        return this;
    }

    public synchronized void clearFaults() {
        nextFaults.clear();
        faultsByTo.clear();
    }

    /** The latest requests (at most the retained number), oldest first. */
    public List<Request> requests() {
        return requests.list();
    }

    /** The latest accepted messages (at most the retained number), oldest first. */
    public List<Message> messages() {
        return messages.list();
    }

    public List<Message> messagesTo(String to) {
        return messages.list().stream().filter(m -> m.to().equals(to)).toList();
    }

    /** Forgets recorded requests, messages and faults. */
    public void reset() {
        requests.clear();
        messages.clear();
        clearFaults();
    }

    private synchronized Optional<Fault> takeFault(String to) {
        Fault byTo = to == null ? null : faultsByTo.get(to);
        if (byTo != null) {
            return Optional.of(byTo);
        }
        return nextFaults.isEmpty() ? Optional.empty() : Optional.of(nextFaults.remove(0));
    }

    private void create(RoutingContext ctx) {
        if (!authorized(ctx) || !formEncoded(ctx)) {
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String to = form.get("To");
        Optional<Fault> fault = takeFault(to);
        Duration delay = fault.map(Fault::delay).orElse(Duration.ZERO);
        if (!delay.isZero() && !delay.isNegative()) {
            vertx.setTimer(delay.toMillis(), t -> createNow(ctx, form, fault.filter(f -> !f.normalAnswer())));
        } else {
            createNow(ctx, form, fault.filter(f -> !f.normalAnswer()));
        }
    }

    private void createNow(RoutingContext ctx, MultiMap form, Optional<Fault> fault) {
        if (fault.isPresent() && fault.get().status() == 0) {
            record(ctx, 0); // never answered: the client gives up on its read timeout
            return;
        }
        String to = form.get("To");
        if (fault.isPresent() && !fault.get().acceptThenDropConnection()) {
            answer(ctx, fault.get().status(), TwilioResources.error(fault.get().code(), fault.get().message()));
            return;
        }
        String from = form.get("From");
        String service = form.get("MessagingServiceSid");
        String body = form.get("Body");
        if (to == null || to.isBlank()) {
            answer(ctx, 400, TwilioResources.error(21604, "A 'To' phone number is required."));
        } else if (!Phones.isE164(to.trim())) {
            answer(ctx, 400, TwilioResources.error(21211, "Invalid 'To' Phone Number"));
        } else if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            answer(ctx, 400, TwilioResources.error(21603, "A 'From' phone number is required."));
        } else if (body == null || body.isEmpty()) {
            answer(ctx, 400, TwilioResources.error(21602, "Message body is required."));
        } else if (body.length() > 1600) {
            answer(ctx, 400, TwilioResources.error(21617, "The concatenated message body exceeds the 1600 character limit."));
        } else {
            Message m = new Message("SM" + TwilioResources.hex(16), ctx.pathParam("accountSid"), to.trim(), from, service, body,
                    Gsm7.segments(body), form.get("StatusCallback"), Instant.now());
            messages.add(m);
            listeners.forEach(l -> l.accept(m));
            if (callbackToken != null && m.statusCallback() != null) {
                callbacks.post(m, callbackToken);
            }
            if (fault.isPresent()) {
                record(ctx, 0);
                ctx.request().connection().close();
                return;
            }
            answer(ctx, 201, TwilioResources.message(m, "queued"));
        }
    }

    private void list(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        MultiMap q = ctx.queryParams();
        MessageFilter filter = MessageFilter.of(q);
        JsonArray items = new JsonArray();
        List<Message> kept = messages.list();
        for (int i = kept.size() - 1; i >= 0; i--) {
            Message m = kept.get(i);
            if (m.accountSid().equals(ctx.pathParam("accountSid")) && filter.test(m)) {
                items.add(TwilioResources.message(m, "sent"));
            }
        }
        String uri = ctx.request().path() + (ctx.request().query() == null ? "" : "?" + ctx.request().query());
        answer(ctx, 200, new JsonObject().put("messages", items).put("end", Math.max(0, items.size() - 1))
                .put("first_page_uri", uri).put("next_page_uri", null).put("previous_page_uri", null)
                .put("page", 0).put("page_size", Math.max(50, items.size())).put("start", 0).put("uri", uri));
    }

    private void fetch(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        String sid = ctx.pathParam("messageFile").replaceFirst("\\.json$", "");
        messages.list().stream().filter(m -> m.sid().equals(sid)).findFirst().ifPresentOrElse(
                m -> answer(ctx, 200, TwilioResources.message(m, "delivered")),
                () -> answer(ctx, 404, TwilioResources.error(20404, "The requested resource was not found")));
    }

    private boolean authorized(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String[] user = null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                user = colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            } catch (IllegalArgumentException e) {
                user = null;
            }
        }
        String[] required = credentials.get();
        if (user == null || (required != null && !(required[0].equals(user[0]) && required[1].equals(user[1])))) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            answer(ctx, 401, TwilioResources.error(20003, "Authenticate"));
            return false;
        }
        ctx.put("username", user[0]);
        return true;
    }

    private boolean formEncoded(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            answer(ctx, 415, TwilioResources.error(20415, "Supported content types: application/x-www-form-urlencoded"));
            return false;
        }
        return true;
    }

    private void answer(RoutingContext ctx, int status, JsonObject body) {
        record(ctx, status);
        if (ctx.response().closed()) {
            return; // the client gave up waiting (a slow answer past its timeout)
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private void record(RoutingContext ctx, int status) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        MultiMap all = "POST".equals(ctx.request().method().name()) ? ctx.request().formAttributes() : ctx.queryParams();
        for (String name : all.names()) {
            params.put(name, List.copyOf(all.getAll(name)));
        }
        requests.add(new Request(ctx.request().method().name(), ctx.request().path(), ctx.pathParam("accountSid"),
                ctx.get("username"), Map.copyOf(params), status, Instant.now()));
    }

    @Override
    public void close() {
        callbacks.close();
        if (server != null) {
            server.close();
        }
    }
}
