package org.bourtol.notifier.cap;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.platform.kafka.TopicTable;

/**
 * {@code GET /cap/alerts.atom} (active alerts) and {@code GET /cap/alerts/{id}.xml} (CAP 1.2 of the
 * alert's latest step, also after it resolved: a Cancel). Public, like any CAP feed: it carries no
 * phone numbers, no reporter ids and no acknowledgement code (the code is only in the SMS to the
 * recipients and in the authenticated alerts API). Served by every notifier instance from its own alerts view.
 */
public final class CapRoutes {

    private final AlertStates alerts;
    private final TopicTable<Zone> zones;
    private final String publicUrl;
    private final CapRenderer renderer;

    public CapRoutes(AlertStates alerts, TopicTable<Zone> zones, String publicUrl) {
        this.alerts = alerts;
        this.zones = zones;
        this.publicUrl = publicUrl;
        this.renderer = new CapRenderer(sender(publicUrl), publicUrl);
    }

    /** The feed's own CAP sender, {@code bourtol@<public host>}. */
    public static String sender(String publicUrl) {
        String host = null;
        try {
            host = publicUrl == null ? null : URI.create(publicUrl).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        return "bourtol@" + (host == null ? "localhost" : host);
    }

    public void mount(Router router) {
        router.get("/cap/alerts.atom").handler(this::feed);
        router.get("/cap/alerts/:file").handler(this::alert);
    }

    private void feed(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "application/atom+xml; charset=utf-8")
                .end(AtomFeed.render(alerts.all(), publicUrl, Instant.now()));
    }

    private void alert(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".xml")) {
            ApiErrors.send(ctx, 404, "not found", List.of("use /cap/alerts/{id}.xml"));
            return;
        }
        String id = file.substring(0, file.length() - 4);
        alerts.get(id).ifPresentOrElse(ev -> {
            JsonNode geometry = ev.alert().geometry() != null ? ev.alert().geometry()
                    : zones.get(ev.alert().zone()).map(Zone::geometry).orElse(null);
            ctx.response().putHeader("content-type", "application/cap+xml; charset=utf-8").end(renderer.render(ev, geometry));
        }, () -> ApiErrors.send(ctx, 404, "alert not found", List.of(id)));
    }
}
