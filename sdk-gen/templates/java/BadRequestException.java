package {{package}};

import java.util.Map;

/** 400: the request is invalid; {@link #details()} lists each bad field. */
public class BadRequestException extends ApiException {
    public BadRequestException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
