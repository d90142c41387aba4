package {{package}};

import java.time.Duration;
import java.util.List;

/** How a client connects and authenticates; build with {@link #builder()}. */
public final class ClientOptions {
    final String baseUrl;
    final String apiKey;
    final String clientId;
    final String clientSecret;
    final List<String> scopes;
    final String tokenUrl;
    final Duration timeout;
    final int maxRetries;

    private ClientOptions(Builder b) {
        this.baseUrl = b.baseUrl;
        this.apiKey = b.apiKey;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.scopes = b.scopes;
        this.tokenUrl = b.tokenUrl;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private String clientId;
        private String clientSecret;
        private List<String> scopes = List.of();
        private String tokenUrl;
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRetries = 3;

        /** Where the API is, e.g. {@code https://hub.example.com}; the document's server path is appended unless the URL ends with it. */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /** An API key; sent as a bearer token unless the API declares an API key header, query parameter or cookie. */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /** OAuth 2.0 client credentials: the client fetches an access token and renews it before it expires. */
        public Builder clientCredentials(String id, String secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /** Scopes to ask the token endpoint for; all of the client's when empty. */
        public Builder scopes(List<String> value) {
            this.scopes = value;
            return this;
        }

        /** Token endpoint, when it is not the one the API document names. */
        public Builder tokenUrl(String value) {
            this.tokenUrl = value;
            return this;
        }

        /** Per attempt; default 30 s. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Retries of failed connections, 429 and 5xx answers, with exponential backoff honouring Retry-After; default 3. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
