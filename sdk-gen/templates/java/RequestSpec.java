package {{package}};

import java.util.LinkedHashMap;
import java.util.Map;

/** One call as the generated API classes describe it: path, parameters, body and the kind of answer. */
public final class RequestSpec {
    final String method;
    final String path;
    final Map<String, Object> pathParams = new LinkedHashMap<>();
    /** Wire name → {value, style}; style is "form", "formNoExplode" or "deepObject". */
    final Map<String, Object[]> query = new LinkedHashMap<>();
    final Map<String, Object> headers = new LinkedHashMap<>();
    final Map<String, Object> cookies = new LinkedHashMap<>();
    Object body;
    String bodyEncoding;
    String mediaType;
    String response = "json";
    boolean authenticated = true;

    public RequestSpec(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public RequestSpec pathParam(String name, Object value) {
        pathParams.put(name, value);
        return this;
    }

    /** Sets (or replaces) a query parameter; null values are left out. */
    public RequestSpec query(String name, Object value, String style) {
        query.put(name, new Object[] {value, style});
        return this;
    }

    public RequestSpec header(String name, Object value) {
        headers.put(name, value);
        return this;
    }

    public RequestSpec cookie(String name, Object value) {
        cookies.put(name, value);
        return this;
    }

    /** encoding: "json", "form", "multipart", "binary" or "text". */
    public RequestSpec body(Object body, String encoding, String mediaType) {
        this.body = body;
        this.bodyEncoding = encoding;
        this.mediaType = mediaType;
        return this;
    }

    /** kind: "json", "binary", "text" or "empty". */
    public RequestSpec response(String kind) {
        this.response = kind;
        return this;
    }

    /** For public operations: no credentials are sent. */
    public RequestSpec anonymous() {
        this.authenticated = false;
        return this;
    }
}
