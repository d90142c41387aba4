package {{package}};

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The API answered with an error status. {@link #code()}, {@link #message()} and
 * {@link #details()} come from an {@code {"error": {"code", "message", "details"}}} body when the
 * answer has one; {@link #body()} is the parsed JSON (or the text), {@link #headers()} the answer's
 * headers with lower-case names.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Object body;
    private final Map<String, String> headers;
    private final String code;
    private final String message;
    private final List<Object> details;

    public ApiException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(describe(status, body, method, url));
        Object error = body instanceof Map ? ((Map<?, ?>) body).get("error") : null;
        Map<?, ?> fields = error instanceof Map ? (Map<?, ?>) error : Collections.emptyMap();
        this.status = status;
        this.body = body;
        this.headers = Collections.unmodifiableMap(headers);
        this.code = fields.get("code") instanceof String ? (String) fields.get("code") : null;
        this.message = fields.get("message") instanceof String ? (String) fields.get("message") : "HTTP " + status;
        this.details = fields.get("details") instanceof List ? Json.asList(fields.get("details"), v -> v) : Collections.emptyList();
    }

    private static String describe(int status, Object body, String method, String url) {
        Object error = body instanceof Map ? ((Map<?, ?>) body).get("error") : null;
        Map<?, ?> fields = error instanceof Map ? (Map<?, ?>) error : Collections.emptyMap();
        Object code = fields.get("code");
        Object message = fields.get("message");
        return method + " " + url + " answered " + status + (code instanceof String ? " " + code : "") + ": " + (message instanceof String ? message : "HTTP " + status);
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The error code of the body, e.g. {@code IHUB_NOT_FOUND}; null when the body has none. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public List<Object> details() {
        return details;
    }

    /** The most specific exception class for a status. */
    public static ApiException of(int status, Object body, Map<String, String> headers, String method, String url) {
        switch (status) {
            case 400: return new BadRequestException(status, body, headers, method, url);
            case 401: return new AuthenticationException(status, body, headers, method, url);
            case 403: return new PermissionDeniedException(status, body, headers, method, url);
            case 404: return new NotFoundException(status, body, headers, method, url);
            case 409: return new ConflictException(status, body, headers, method, url);
            case 429: return new RateLimitException(status, body, headers, method, url);
            default: return status >= 500 ? new ServerException(status, body, headers, method, url) : new ApiException(status, body, headers, method, url);
        }
    }
}
