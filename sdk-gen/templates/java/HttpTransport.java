package {{package}};

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The only code that talks HTTP: builds requests, authenticates, retries, and turns answers into values or exceptions. */
public final class HttpTransport {
    private final ClientOptions options;
    private final String baseUrl;
    private final String tokenUrl;
    /** Where the API key goes when the document declares an apiKey scheme (null: it is a bearer token). */
    private final String apiKeyName;
    private final String apiKeyIn;
    private final String userAgent;
    private final HttpClient http;
    private final ClientCredentials oauth;

    HttpTransport(ClientOptions options, String baseUrl, String tokenUrl, String apiKeyName, String apiKeyIn, String userAgent) {
        this.options = options;
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
        this.apiKeyName = apiKeyName;
        this.apiKeyIn = apiKeyIn;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        if (options.clientId != null && options.clientSecret != null) {
            if (tokenUrl == null) throw new IllegalArgumentException("client credentials need a token URL: the API declares no OAuth 2.0 client-credentials flow");
            this.oauth = new ClientCredentials(options.clientId, options.clientSecret, options.scopes, this::postTokenForm);
        } else {
            this.oauth = null;
        }
    }

    private static final class Answer {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Answer(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    /** Sends a call; the answer is decoded JSON, byte[], String or null, as the spec's response kind says. */
    public Object send(RequestSpec spec) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Accept", "json".equals(spec.response) ? "application/json" : "*/*");
        for (Map.Entry<String, Object> e : spec.headers.entrySet()) {
            if (e.getValue() != null) headers.put(e.getKey(), e.getValue() instanceof List ? String.join(",", texts((List<?>) e.getValue())) : Encoding.text(e.getValue()));
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : spec.cookies.entrySet()) if (e.getValue() != null) cookies.put(e.getKey(), Encoding.text(e.getValue()));
        Map<String, Object[]> query = new LinkedHashMap<>(spec.query);
        if (spec.authenticated && options.apiKey != null && oauth == null) {
            if ("query".equals(apiKeyIn)) query.put(apiKeyName, new Object[] {options.apiKey, "form"});
            else if ("cookie".equals(apiKeyIn)) cookies.put(apiKeyName, options.apiKey);
            else if ("header".equals(apiKeyIn)) headers.put(apiKeyName, options.apiKey);
            else headers.put("Authorization", "Bearer " + options.apiKey);
        }
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<String, String> c : cookies.entrySet()) pairs.add(c.getKey() + "=" + c.getValue());
            headers.put("Cookie", String.join("; ", pairs));
        }
        byte[] body = encodeBody(spec, headers);
        // One key for every attempt of an unsafe call, so a server that saw an earlier attempt can tell it is the same call.
        if (!List.of("GET", "HEAD", "OPTIONS").contains(spec.method) && options.maxRetries > 0 && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Idempotency-Key"))) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        String qs = Encoding.queryString(query);
        String url = baseUrl + Encoding.expandPath(spec.path, spec.pathParams) + (qs.isEmpty() ? "" : "?" + qs);
        Answer answer = exchange(spec.method, url, headers, body, spec.authenticated && oauth != null);
        return decode(answer, spec.response);
    }

    private static List<String> texts(List<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) out.add(Encoding.text(v));
        return out;
    }

    private static byte[] encodeBody(RequestSpec spec, Map<String, String> headers) {
        if (spec.body == null || spec.bodyEncoding == null) return null;
        switch (spec.bodyEncoding) {
            case "json":
                headers.put("Content-Type", spec.mediaType);
                return Json.write(spec.body).getBytes(StandardCharsets.UTF_8);
            case "form":
                headers.put("Content-Type", spec.mediaType);
                return Encoding.form(spec.body);
            case "multipart": {
                Object[] encoded = Encoding.multipart(spec.body);
                headers.put("Content-Type", (String) encoded[1]);
                return (byte[]) encoded[0];
            }
            case "text":
                headers.put("Content-Type", spec.mediaType);
                return String.valueOf(spec.body).getBytes(StandardCharsets.UTF_8);
            default:
                headers.put("Content-Type", spec.mediaType);
                return (byte[]) spec.body;
        }
    }

    private Answer exchange(String method, String url, Map<String, String> headers, byte[] body, boolean useOAuth) {
        boolean refreshed = false;
        int attempt = 0;
        while (true) {
            if (useOAuth) headers.put("Authorization", "Bearer " + oauth.token());
            Answer answer;
            try {
                answer = once(method, url, headers, body);
            } catch (IOException err) {
                if (attempt >= options.maxRetries) throw new ApiConnectionException(method + " " + url + " failed after " + (attempt + 1) + " attempt(s): " + err, err);
                sleep(Retry.backoffDelay(attempt++));
                continue;
            }
            if (answer.status >= 200 && answer.status < 300) return answer;
            // An access token can be revoked or expire early: fetch a new one once, then give up.
            if (answer.status == 401 && useOAuth && !refreshed) {
                oauth.invalidate();
                refreshed = true;
                continue;
            }
            if (Retry.isRetryableStatus(answer.status) && attempt < options.maxRetries) {
                long wait = Retry.retryAfterMs(answer.headers.get("retry-after"));
                if (wait <= Retry.MAX_RETRY_AFTER_MS) {
                    sleep(wait >= 0 ? wait : Retry.backoffDelay(attempt));
                    attempt++;
                    continue;
                }
            }
            throw ApiException.of(answer.status, errorBody(answer), answer.headers, method, url);
        }
    }

    private Answer once(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .timeout(options.timeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> h : headers.entrySet()) request.header(h.getKey(), h.getValue());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException err) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException(method + " " + url + " was interrupted", err);
        }
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) answerHeaders.put(h.getKey().toLowerCase(), String.join(", ", h.getValue()));
        return new Answer(response.statusCode(), answerHeaders, response.body());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException err) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while waiting to retry", err);
        }
    }

    private Object postTokenForm(Map<String, String> form, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.putAll(extraHeaders);
        return decode(exchange("POST", tokenUrl, headers, Encoding.form(new LinkedHashMap<String, Object>(form)), false), "json");
    }

    private static Object decode(Answer answer, String kind) {
        switch (kind) {
            case "json": {
                String text = new String(answer.body, StandardCharsets.UTF_8);
                return text.isBlank() ? null : Json.parse(text);
            }
            case "binary":
                return answer.body;
            case "text":
                return new String(answer.body, StandardCharsets.UTF_8);
            default:
                return null;
        }
    }

    private static Object errorBody(Answer answer) {
        String text = new String(answer.body, StandardCharsets.UTF_8);
        if (!answer.headers.getOrDefault("content-type", "").contains("json")) return text;
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException err) {
            return text;
        }
    }
}
