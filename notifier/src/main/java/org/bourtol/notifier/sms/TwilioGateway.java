package org.bourtol.notifier.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.base.Page;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.config.BourtolConfig;

/**
 * One blocking call to Twilio's Messages API through the Java SDK with an injected
 * {@link TwilioRestClient} (never the global {@code Twilio.init}). Call it on worker threads only.
 * {@link #send} makes a single attempt and classifies the answer; retry, backoff and reconciliation
 * belong to the caller ({@link SmsDispatcher}).
 */
public final class TwilioGateway implements SmsGateway {

    static final int MAX_PAGES = 5;

    private final TwilioRestClient client;
    private final String from;
    private final String messagingServiceSid;
    private final String statusCallback;
    private volatile String target = "api.twilio.com";

    public TwilioGateway(TwilioRestClient client, String from, String messagingServiceSid, String statusCallback) {
        if (from == null && messagingServiceSid == null) {
            throw new IllegalArgumentException("Twilio needs a From number or a Messaging Service SID");
        }
        this.client = client;
        this.from = from;
        this.messagingServiceSid = messagingServiceSid;
        this.statusCallback = statusCallback;
    }

    /** A gateway from configuration: credentials, From or Messaging Service, base URL override, status callback under publicUrl. */
    public static TwilioGateway fromConfig(BourtolConfig.Twilio twilio, String publicUrl) {
        TwilioRestClient client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new BaseUrlHttpClient(twilio.apiBaseUrl())).build();
        String callback = publicUrl == null ? null : publicUrl.replaceAll("/+$", "") + "/sms/status";
        TwilioGateway g = new TwilioGateway(client, twilio.from(), twilio.messagingServiceSid(), callback);
        if (twilio.apiBaseUrl() != null) {
            g.target = twilio.apiBaseUrl();
        }
        return g;
    }

    @Override
    public SendResult send(String to, String body) {
        MessageCreator creator = messagingServiceSid != null
                ? Message.creator(new PhoneNumber(to), messagingServiceSid, body)
                : Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
        if (statusCallback != null) {
            creator.setStatusCallback(URI.create(statusCallback));
        }
        try {
            Message m = creator.create(client);
            return new SendResult.Accepted(m.getSid(), m.getStatus() == null ? "queued" : m.getStatus().toString());
        } catch (ApiException e) {
            int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
            String code = e.getCode() == null ? null : String.valueOf(e.getCode());
            if (status == 429 || status >= 500 || status == 0) {
                return new SendResult.Retryable(status, code, e.getMessage(), status >= 500 || status == 0);
            }
            return new SendResult.Rejected(status, code, e.getMessage());
        } catch (ApiConnectionException e) {
            return new SendResult.Retryable(0, null, e.getMessage(), true);
        } catch (RuntimeException e) {
            return new SendResult.Retryable(0, null, String.valueOf(e.getMessage()), true);
        }
    }

    /** At most {@link #MAX_PAGES} pages of 100: a recipient gets a handful of SMS per hour, so the window holds few. */
    @Override
    public List<SentMessage> sentTo(String to, Instant since) {
        List<SentMessage> out = new ArrayList<>();
        MessageReader reader = Message.reader().setTo(new PhoneNumber(to)).setDateSentAfter(since.atZone(ZoneOffset.UTC)).setPageSize(100L);
        Page<Message> page = reader.firstPage(client);
        for (int n = 1;; n++) {
            for (Message m : page.getRecords()) {
                Instant sent = m.getDateSent() != null ? m.getDateSent().toInstant()
                        : m.getDateCreated() == null ? null : m.getDateCreated().toInstant();
                out.add(new SentMessage(m.getSid(), m.getTo(), m.getBody(), sent,
                        m.getDirection() == null ? null : m.getDirection().toString()));
            }
            if (n >= MAX_PAGES || !page.hasNextPage()) {
                return out;
            }
            page = reader.nextPage(page, client);
        }
    }

    @Override
    public String describe() {
        return "twilio at " + target + (messagingServiceSid != null ? " (messaging service)" : " (from number)");
    }
}
