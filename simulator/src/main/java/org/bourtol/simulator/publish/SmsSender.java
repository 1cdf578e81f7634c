package org.bourtol.simulator.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.platform.http.TwilioForms;
import org.bourtol.platform.http.TwilioSigner;
import org.bourtol.simulator.scenario.Emission;

/**
 * Sends an SMS as Twilio does: a form POST to {@code /sms/inbound} with the parameters of a real
 * inbound webhook and an {@code X-Twilio-Signature} computed over the public URL (what Twilio was
 * configured with) and every parameter, so Bourtol's real signature check runs.
 */
public final class SmsSender {

    private static final Pattern MESSAGE = Pattern.compile("<Message[^>]*>(.*?)</Message>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<Body[^>]*>(.*?)</Body>", Pattern.DOTALL);

    /** Status and the reply text (TwiML message body, unescaped), null when there is none. */
    public record Result(int status, String reply) {
        public boolean receipt() {
            return reply != null && (reply.startsWith("Recu ") || reply.startsWith("Received "));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final String signedUrl;
    private final TwilioSigner signer;
    private final String to;
    private final String accountSid;

    /**
     * @param baseUrl    where Bourtol listens (e.g. http://127.0.0.1:8080)
     * @param publicUrl  the public base URL Bourtol validates signatures against (often the same)
     * @param authToken  the Twilio auth token Bourtol is configured with
     * @param to         the Bourtol SMS number the focal points write to
     */
    public SmsSender(String baseUrl, String publicUrl, String authToken, String to, String accountSid) {
        this.target = URI.create(strip(baseUrl) + "/sms/inbound");
        this.signedUrl = strip(publicUrl == null ? baseUrl : publicUrl) + "/sms/inbound";
        this.signer = new TwilioSigner(authToken);
        this.to = to;
        this.accountSid = accountSid;
    }

    public Result send(Emission.Sms sms) throws IOException, InterruptedException {
        Map<String, String> form = TwilioForms.inboundSms(sms.messageSid(), accountSid, sms.from(), to, sms.body());
        // the rest of what Twilio posts, so that the signature covers a real webhook's fields
        form.put("ToCountry", "ML");
        form.put("SmsMessageSid", sms.messageSid());
        form.put("NumMedia", "0");
        form.put("SmsSid", sms.messageSid());
        form.put("SmsStatus", "received");
        form.put("FromCountry", "ML");
        form.put("NumSegments", "1");
        form.put("ApiVersion", "2010-04-01");
        String body = TwilioForms.encode(form);
        HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", signer.sign(signedUrl, form))
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Result(res.statusCode(), replyText(res.body()));
    }

    /** The text of the first message of a TwiML reply ({@code <Message><Body>…</Body></Message>} or {@code <Message>…</Message>}). */
    static String replyText(String twiml) {
        Matcher m = MESSAGE.matcher(twiml == null ? "" : twiml);
        if (!m.find()) {
            return null;
        }
        Matcher b = BODY.matcher(m.group(1));
        return unescape((b.find() ? b.group(1) : m.group(1)).trim());
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
