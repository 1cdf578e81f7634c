package org.bourtol.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client with three changes: requests for {@code https://api.twilio.com} go to a
 * configured base URL instead (a local Twilio-compatible server or Prism; the SDK has no such
 * setting), and {@link #reliableRequest} makes exactly one attempt — the SDK would otherwise retry
 * every 5xx three times by itself and Apache HttpClient would retry 429/503 (both disabled), hidden from {@link TwilioGateway}'s own backoff and reconciliation.
 * And a call that gets no answer gives up after {@link #ANSWER_TIMEOUT} (the SDK waits 30.5 s): the attempt is then
 * ambiguous, so the next one first reconciles with Twilio's message list, and a warning is not held half a minute
 * by a Twilio that does not answer.
 */
final class BaseUrlHttpClient extends NetworkHttpClient {

    private static final String TWILIO = "https://api.twilio.com";
    /** How long one call waits to connect and for Twilio's answer. */
    static final Timeout ANSWER_TIMEOUT = Timeout.ofSeconds(10);

    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:4010}; null keeps Twilio's own URL. */
    BaseUrlHttpClient(String baseUrl) {
        super(HttpClientBuilder.create().disableAutomaticRetries().useSystemProperties()
                .setDefaultRequestConfig(RequestConfig.copy(DEFAULT_REQUEST_CONFIG).setConnectionRequestTimeout(ANSWER_TIMEOUT)
                        .setResponseTimeout(ANSWER_TIMEOUT).build())
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.copy(DEFAULT_SOCKET_CONFIG).setSoTimeout(ANSWER_TIMEOUT).build())
                        .setMaxConnTotal(20).setMaxConnPerRoute(20).build()));
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        String url = request.getUrl();
        if (baseUrl == null || url == null || !url.startsWith(TWILIO)) {
            return super.makeRequest(request);
        }
        Request r = new Request(request.getMethod(), baseUrl + url.substring(TWILIO.length()));
        if (request.getAuthStrategy() != null) {
            r.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            r.setAuth(request.getUsername(), request.getPassword());
        }
        request.getQueryParams().forEach((k, vs) -> vs.forEach(v -> r.addQueryParam(k, v)));
        request.getPostParams().forEach((k, vs) -> vs.forEach(v -> r.addPostParam(k, v)));
        request.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> r.addHeaderParam(k, v)));
        if (request.getContentType() != null) {
            r.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            r.setBody(request.getBody());
        }
        r.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(r);
    }
}
