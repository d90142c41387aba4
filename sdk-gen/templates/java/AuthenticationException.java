package {{package}};

import java.util.Map;

/** 401: missing, invalid, expired or revoked credentials. */
public class AuthenticationException extends ApiException {
    public AuthenticationException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
