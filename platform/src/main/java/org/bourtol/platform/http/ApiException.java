package org.bourtol.platform.http;

import java.util.List;

/**
 * An error answered to the API client as {@code {"error": message, "details": [...]}} with
 * {@link #status()}. 4xx are the caller's fault (answered and counted, never retried); 5xx are ours.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<String> details;

    public ApiException(int status, String message, List<String> details) {
        super(message);
        this.status = status;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public static ApiException badRequest(String message, List<String> details) {
        return new ApiException(400, message, details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }

    public int status() {
        return status;
    }

    public List<String> details() {
        return details;
    }
}
