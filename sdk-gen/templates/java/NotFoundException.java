package {{package}};

import java.util.Map;

/** 404: no such resource (for these credentials). */
public class NotFoundException extends ApiException {
    public NotFoundException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
