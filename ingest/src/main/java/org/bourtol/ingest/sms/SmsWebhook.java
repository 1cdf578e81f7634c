package org.bourtol.ingest.sms;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.bourtol.contracts.observation.SmsStatus;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.publish.Outbox;
import org.bourtol.platform.kafka.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks: {@code POST /sms/inbound} (a focal point's SMS, answered with TwiML) and
 * {@code POST /sms/status} (delivery status callbacks, published for the notifier). Both check
 * {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} over the public URL Twilio calls
 * ({@code http.publicUrl} + path and query) and every posted parameter; a missing or wrong signature
 * gets 403, a log line without the body, and nothing enters the pipeline. Without an auth token every
 * request is refused.
 */
public final class SmsWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(SmsWebhook.class);
    public static final String INBOUND = "/sms/inbound";
    public static final String STATUS = "/sms/status";

    private final RequestValidator validator;
    private final String publicUrl;
    private final SmsIngest ingest;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;

    public SmsWebhook(String authToken, String publicUrl, SmsIngest ingest, Outbox outbox, Clock clock, MeterRegistry metrics) {
        this.validator = authToken == null ? null : new RequestValidator(authToken);
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        this.ingest = ingest;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        if (authToken == null) {
            LOG.warn("twilio auth token not set: SMS webhooks will refuse every request");
        }
    }

    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.post(INBOUND).handler(body).handler(this::inbound);
        router.post(STATUS).handler(body).handler(this::status);
    }

    private void inbound(RoutingContext ctx) {
        Map<String, String> params = verified(ctx);
        if (params == null) {
            return;
        }
        ingest.handle(params).onComplete(ar -> {
            if (ar.succeeded()) {
                twiml(ctx, ar.result());
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                ctx.response().setStatusCode(400).putHeader("content-type", "text/plain").end(e.getMessage());
            } else {
                LOG.error("sms could not be kept [path: {}]", ctx.request().path(), ar.cause());
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
            }
        });
    }

    private void status(RoutingContext ctx) {
        Map<String, String> params = verified(ctx);
        if (params == null) {
            return;
        }
        SmsStatus status;
        try {
            status = new SmsStatus(params.get("MessageSid"), params.getOrDefault("MessageStatus", params.get("SmsStatus")),
                    params.get("ErrorCode"), clock.instant());
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).putHeader("content-type", "text/plain").end(e.getMessage());
            return;
        }
        Future<Void> f = outbox.deliver(List.of(Outgoing.of(Topics.SMS_STATUS, status.messageSid(), status)));
        f.onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.counter("bourtol.ingest.messages", "source", "sms-status").increment();
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
            }
        });
    }

    /** The posted parameters if the signature is valid; otherwise answers 403 and returns null. */
    private Map<String, String> verified(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        Map<String, String> params = new HashMap<>();
        for (String name : form.names()) {
            params.put(name, form.get(name));
        }
        String signature = ctx.request().getHeader("X-Twilio-Signature");
        String url = (publicUrl != null ? publicUrl : base(ctx)) + ctx.request().uri();
        boolean ok = validator != null && signature != null && validator.validate(url, params, signature);
        if (!ok) {
            metrics.counter("bourtol.ingest.rejected", "reason", "bad-signature").increment();
            LOG.warn("twilio webhook refused [path: {}, remote: {}, reason: {}]", ctx.request().path(),
                    ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress(),
                    validator == null ? "no auth token configured" : signature == null ? "no signature" : "signature mismatch");
            ctx.response().setStatusCode(403).putHeader("content-type", "text/plain").end("invalid signature");
            return null;
        }
        return params;
    }

    private static String base(RoutingContext ctx) {
        String abs = ctx.request().absoluteURI();
        int path = abs.indexOf('/', abs.indexOf("//") + 2);
        return path < 0 ? abs : abs.substring(0, path);
    }

    /** The empty answer: nothing is sent back. */
    static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

    /** One factory per thread: StAX does not promise that a factory is safe to share. */
    private static final ThreadLocal<XMLOutputFactory> XML = ThreadLocal.withInitial(XMLOutputFactory::newFactory);

    /**
     * TwiML answering {@code reply}; an empty reply is an empty {@code <Response/>} (nothing is sent back). The same
     * document as the Twilio SDK's {@code MessagingResponse} (a test compares them), written with the JDK's StAX writer:
     * the SDK builds a DOM document and a transformer for every reply, a quarter of the webhook's event loop (7 December).
     */
    static String twimlOf(String reply) {
        if (reply == null || reply.isEmpty()) {
            return EMPTY_TWIML;
        }
        StringWriter out = new StringWriter(80 + reply.length());
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"); // as the SDK writes it (StAX would quote with ')
        try {
            XMLStreamWriter w = XML.get().createXMLStreamWriter(out);
            w.writeStartElement("Response");
            w.writeStartElement("Message");
            w.writeStartElement("Body");
            w.writeCharacters(reply);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("TwiML for a reply of " + reply.length() + " characters", e);
        }
        return out.toString();
    }

    private static void twiml(RoutingContext ctx, String reply) {
        ctx.response().putHeader("content-type", "text/xml; charset=utf-8").end(twimlOf(reply));
    }
}
