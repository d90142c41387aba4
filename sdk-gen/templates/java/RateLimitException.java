package {{package}};

import java.util.Map;

/** 429: too many requests, still refused after the client's retries. */
public class RateLimitException extends ApiException {
    public RateLimitException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
