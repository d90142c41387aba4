package {{package}};

import java.util.Map;

/** 409: the request conflicts with the resource's state. */
public class ConflictException extends ApiException {
    public ConflictException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
