package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedApi;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorisation matrix, built from the router itself: every route the HTTP server of
 * {@code run --embedded} answers has a decision in {@link #DECISIONS}, and every role — none, a bad
 * token, ingest, viewer, officer, admin, a valid Twilio signature — gets what the decision says (401
 * without a valid token, 403 with a lower role or without a Twilio signature, an answer otherwise). A
 * route added without a decision, or a decision left for a route that is gone, fails the build. Token
 * creation and deletion are audited, and the audit never holds the token.
 */
@Timeout(400)
class AuthorisationMatrixIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("matrix");

    /** Who may call a route. */
    enum Decision { PUBLIC, TWILIO, INGEST, VIEWER, OFFICER, ADMIN }

    /** The callers of the matrix. */
    enum Caller { NONE, BAD_TOKEN, TWILIO_SIGNATURE, INGEST, VIEWER, OFFICER, ADMIN }

    /**
     * Every route, as {@code METHOD path} ({@code *} for a guard route that answers every method; a path
     * ending in {@code *} matches what follows), and who may call it. Add a line when you add a route.
     */
    static final Map<String, Decision> DECISIONS = decisions(
            "* <any>", "PUBLIC", // the JSON failure handler
            "GET /", "PUBLIC",
            "GET /console/*", "PUBLIC",
            "GET /vendor/leaflet/*", "PUBLIC",
            "GET /vendor/uplot/*", "PUBLIC",
            "GET /health", "PUBLIC", // states only; details with a viewer token
            "GET /metrics", "PUBLIC", // operational counters only, see docs/security.md
            "GET /cap/alerts.atom", "PUBLIC",
            "GET /cap/alerts/:file", "PUBLIC",
            "POST /sms/inbound", "TWILIO",
            "POST /sms/status", "TWILIO",
            "POST /api/v1/observations", "INGEST",
            "POST /api/v1/tokens", "ADMIN",
            "GET /api/v1/tokens", "ADMIN",
            "DELETE /api/v1/tokens/:sha", "ADMIN",
            "GET /api/v1/reporters", "OFFICER",
            "GET /api/v1/reporters/:id", "OFFICER",
            "PUT /api/v1/reporters/:id", "OFFICER",
            "DELETE /api/v1/reporters/:id", "OFFICER",
            "GET /api/v1/me", "VIEWER",
            "GET /api/v1/stations/:id/readings", "VIEWER",
            "GET /api/v1/reports/monthly", "VIEWER",
            "GET /api/v1/reports/labels", "VIEWER",
            "* /api/v1/triage/*", "VIEWER",
            "GET /api/v1/triage", "VIEWER",
            "POST /api/v1/triage/:id/report", "OFFICER",
            "POST /api/v1/triage/:id/dismiss", "OFFICER",
            "* /api/v1/zones*", "VIEWER",
            "* /api/v1/rules*", "VIEWER",
            "* /api/v1/alerts*", "VIEWER",
            "* /api/v1/backtests*", "VIEWER",
            "GET /api/v1/zones", "VIEWER",
            "POST /api/v1/zones", "OFFICER",
            "GET /api/v1/zones/:id", "VIEWER",
            "PUT /api/v1/zones/:id", "OFFICER",
            "DELETE /api/v1/zones/:id", "OFFICER",
            "GET /api/v1/rules", "VIEWER",
            "GET /api/v1/rules/:id", "VIEWER",
            "GET /api/v1/rules/:id/history", "VIEWER",
            "PUT /api/v1/rules/:id", "OFFICER",
            "POST /api/v1/rules/:id/validate", "VIEWER",
            "DELETE /api/v1/rules/:id", "OFFICER",
            "GET /api/v1/rule-types", "VIEWER",
            "POST /api/v1/rules/backtest", "OFFICER",
            "POST /api/v1/backtests", "OFFICER",
            "GET /api/v1/backtests/:id", "OFFICER",
            "DELETE /api/v1/backtests/:id", "OFFICER",
            "POST /api/v1/backtests/:id/cancel", "OFFICER",
            "GET /api/v1/alerts", "VIEWER",
            "GET /api/v1/alerts/:id", "VIEWER",
            "GET /api/v1/alerts/:id/timeline", "VIEWER",
            "POST /api/v1/alerts/:id/ack", "OFFICER",
            "POST /api/v1/alerts/:id/resolve", "OFFICER",
            "POST /api/v1/alerts/:id/outcome", "OFFICER",
            "POST /api/v1/alerts/:id/confirm", "OFFICER",
            "POST /api/v1/alerts/:id/responses", "OFFICER",
            "GET /api/v1/alerts/:id/responses", "VIEWER",
            "POST /api/v1/alerts", "OFFICER",
            "POST /api/v1/alerts/:id/approve", "OFFICER",
            "PATCH /api/v1/alerts/:id", "OFFICER",
            "POST /api/v1/alerts/:id/cancel", "OFFICER",
            "GET /api/v1/warnings", "VIEWER",
            "GET /api/v1/warnings/:id", "VIEWER",
            "* /api/v1/recipients*", "OFFICER",
            "GET /api/v1/recipients", "OFFICER",
            "GET /api/v1/recipients/:id", "OFFICER",
            "PUT /api/v1/recipients/:id", "OFFICER",
            "DELETE /api/v1/recipients/:id", "OFFICER");

    @TempDir
    Path dataDir;

    @Test
    void everyRouteHasADecisionAndEveryCallerGetsIt() throws Exception {
        try (Instance p = SECRETS.start(dataDir)) {
            Map<Caller, String> tokens = new LinkedHashMap<>();
            tokens.put(Caller.BAD_TOKEN, "not-a-token-" + "x".repeat(20));
            for (Caller c : List.of(Caller.INGEST, Caller.VIEWER, Caller.OFFICER, Caller.ADMIN)) {
                tokens.put(c, SECRETS.token(p, "matrix-" + c.name().toLowerCase(), c.name().toLowerCase()));
            }

            Map<String, String> routes = routes(p.routes());
            Set<String> undecided = new TreeSet<>(routes.keySet());
            undecided.removeAll(DECISIONS.keySet());
            Set<String> gone = new TreeSet<>(DECISIONS.keySet());
            gone.removeAll(routes.keySet());
            assertTrue(undecided.isEmpty(), "routes without an authorisation decision (add them to DECISIONS): " + undecided);
            assertTrue(gone.isEmpty(), "decisions for routes the server no longer has: " + gone);

            List<String> wrong = new ArrayList<>();
            int calls = 0;
            for (Map.Entry<String, String> r : routes.entrySet()) {
                Decision d = DECISIONS.get(r.getKey());
                String method = r.getKey().substring(0, r.getKey().indexOf(' '));
                String path = r.getValue();
                if (path == null) {
                    continue; // the failure handler: reached only through the routes below
                }
                for (String m : method.equals("*") ? List.of("GET", "POST") : List.of(method)) {
                    for (Caller c : Caller.values()) {
                        int status = call(p, m, path, c, tokens.get(c)).statusCode();
                        calls++;
                        String expected = expected(d, c);
                        boolean ok = switch (expected) {
                            case "401" -> status == 401;
                            case "403" -> status == 403;
                            default -> status != 401 && status != 403 && status < 500;
                        };
                        if (!ok) {
                            wrong.add(m + " " + path + " as " + c + ": " + status + ", expected " + expected);
                        }
                    }
                }
            }
            assertTrue(wrong.isEmpty(), "authorisation matrix (" + calls + " calls) differs:\n" + String.join("\n", wrong));
            assertTrue(calls > 300, "the matrix walked the router: " + calls + " calls");

            tokenCreationAndDeletionAreAuditedWithoutTheToken(p, tokens.get(Caller.VIEWER));
        }
    }

    /** What {@code caller} gets from a route with decision {@code d}: "401", "403" or "answer". */
    static String expected(Decision d, Caller c) {
        return switch (d) {
            case PUBLIC -> "answer";
            case TWILIO -> c == Caller.TWILIO_SIGNATURE ? "answer" : "403";
            default -> {
                if (c == Caller.NONE || c == Caller.BAD_TOKEN || c == Caller.TWILIO_SIGNATURE) {
                    yield "401";
                }
                boolean may = switch (d) {
                    case INGEST -> c != Caller.VIEWER;
                    case VIEWER -> c != Caller.INGEST;
                    case OFFICER -> c == Caller.OFFICER || c == Caller.ADMIN;
                    case ADMIN -> c == Caller.ADMIN;
                    default -> false;
                };
                yield may ? "answer" : "403";
            }
        };
    }

    private static HttpResponse<String> call(Instance p, String method, String path, Caller c, String token) {
        if (path.startsWith("/sms/")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("MessageSid", EmbeddedApi.newSid());
            form.put("From", "+22376990001");
            form.put("To", "+22370000000");
            form.put("Body", "PLUIE mopti 3");
            form.put("MessageStatus", "delivered");
            return EmbeddedApi.form(p, path, form, c == Caller.TWILIO_SIGNATURE ? EmbeddedApi.signature(p, SECRETS.twilio(), path, form) : null);
        }
        if (c == Caller.TWILIO_SIGNATURE) { // a valid Twilio signature opens no API route
            return EmbeddedApi.form(p, method, path, Map.of(), EmbeddedApi.signature(p, SECRETS.twilio(), path, Map.of()));
        }
        return send(p, method, path, token, method.equals("GET") || method.equals("DELETE") ? null : "{}");
    }

    /** {@code METHOD path} of every route → a concrete path to call (null for the catch-all failure route). */
    static Map<String, String> routes(List<Route> routes) {
        Map<String, String> out = new TreeMap<>();
        for (Route r : routes) {
            String path = r.getPath();
            boolean exact = r.isExactPath();
            String shown = path == null ? "<any>" : exact ? path : path.endsWith("/") ? path + "*" : path + "*";
            String concrete = path == null ? null : (path + (exact ? "" : "x")).replaceAll(":[a-z*]+", "matrix-x");
            Set<HttpMethod> methods = r.methods();
            if (methods == null || methods.isEmpty()) {
                out.put("* " + shown, concrete);
            } else {
                methods.forEach(m -> out.put(m.name() + " " + shown, concrete));
            }
        }
        return out;
    }

    private static void tokenCreationAndDeletionAreAuditedWithoutTheToken(Instance p, String viewer) throws Exception {
        String sha = ApiAuth.sha256(viewer);
        assertEquals(204, send(p, "DELETE", "/api/v1/tokens/" + sha, SECRETS.admin(), null).statusCode());
        List<String> audit = Poll.value(java.time.Duration.ofSeconds(60), "the token's creation and deletion audited", () -> {
            List<String> entries = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.raw(p.kafka(), Topics.AUDIT.name())) {
                String v = r.value() == null ? "" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
                if (v.contains(sha)) {
                    entries.add(v);
                }
            }
            return entries.stream().anyMatch(v -> v.contains("\"create\"")) && entries.stream().anyMatch(v -> v.contains("\"delete\""))
                    ? entries : null;
        });
        for (String entry : audit) {
            assertFalse(entry.contains(viewer), "the audit keeps the token's hash, never the token: " + entry);
            assertTrue(entry.contains("\"actor\":\"" + ApiAuth.STARTUP_NAME + "\""), "the audit names who did it: " + entry);
        }
    }

    private static Map<String, Decision> decisions(String... pairs) {
        Map<String, Decision> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], Decision.valueOf(pairs[i + 1]));
        }
        return m;
    }
}
