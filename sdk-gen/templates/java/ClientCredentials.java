package {{package}};

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** OAuth 2.0 client credentials: fetches an access token, caches it, and fetches a new one before it expires. */
final class ClientCredentials {
    /** Renew this long before expiry (or at a tenth of the lifetime, if shorter), so a token never expires in flight. */
    private static final long REFRESH_MARGIN_MS = 30_000;

    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final BiFunction<Map<String, String>, Map<String, String>, Object> postForm;
    private String token;
    private long expiresAt;

    ClientCredentials(String clientId, String clientSecret, List<String> scopes, BiFunction<Map<String, String>, Map<String, String>, Object> postForm) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopes = scopes;
        this.postForm = postForm;
    }

    synchronized String token() {
        if (token == null || System.currentTimeMillis() >= expiresAt) fetch();
        return token;
    }

    /** Forgets the token, e.g. after the API refused it, so the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scopes != null && !scopes.isEmpty()) form.put("scope", String.join(" ", scopes));
        // RFC 6749 2.3.1: the id and secret are form-encoded, then sent as HTTP Basic credentials.
        String pair = Encoding.percent(clientId) + ":" + Encoding.percent(clientSecret);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        Object answer = postForm.apply(form, headers);
        Object accessToken = Json.field(answer, "access_token");
        if (!(accessToken instanceof String)) throw new IllegalStateException("the token endpoint answered without an access_token");
        Object expiresIn = Json.field(answer, "expires_in");
        long lifetimeMs = (expiresIn instanceof Number ? ((Number) expiresIn).longValue() : 3600) * 1000;
        token = (String) accessToken;
        expiresAt = System.currentTimeMillis() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    }
}
