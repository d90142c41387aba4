package {{package}};

import java.util.Map;

/** 403: the credentials lack a scope the operation needs. */
public class PermissionDeniedException extends ApiException {
    public PermissionDeniedException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
