package org.bourtol.platform.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The forms Twilio posts to a webhook, for everything that plays Twilio's part (the simulator, {@code bourtol sms},
 * tests): sign them with {@link TwilioSigner}.
 */
public final class TwilioForms {

    private TwilioForms() {
    }

    /** The fields of an inbound SMS that Bourtol reads, as Twilio names them (a mutable map: add Twilio's other fields). */
    public static Map<String, String> inboundSms(String messageSid, String accountSid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", messageSid);
        form.put("AccountSid", accountSid);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        return form;
    }

    /** {@code application/x-www-form-urlencoded} (UTF-8), in the map's order. */
    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
