package org.bourtol.platform.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} as Twilio documents it (twilio-java's RequestValidator): the full URL, then every
 * form parameter as name + value in ordinal order of the names, HMAC-SHA1 keyed with the auth token,
 * Base64. Written independently of the Twilio SDK, which Bourtol uses to validate inbound webhooks, so
 * that everything signing a request (the simulator, {@code bourtol sms}, the local Twilio sink's status
 * callbacks, tests) exercises the real check.
 */
public final class TwilioSigner {

    private final byte[] key;

    public TwilioSigner(String authToken) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("Twilio auth token is required to sign webhooks");
        }
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature of a form POST to {@code url} with {@code params} (null values count as ""). */
    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
