package {{package}};

import java.util.Map;

/** 5xx: the server failed, still after the client's retries. */
public class ServerException extends ApiException {
    public ServerException(int status, Object body, Map<String, String> headers, String method, String url) {
        super(status, body, headers, method, url);
    }
}
