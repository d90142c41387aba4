package {{package}};

import java.net.URI;

/** Where requests go: the API base from the caller's base URL and the document's server URL. */
final class Urls {
    private Urls() {
    }

    /** The caller's URL, with the server's path appended unless it already ends with it; or the server URL when absolute. */
    static String resolveBaseUrl(String baseUrl, String serverUrl) {
        boolean absolute = serverUrl.contains("://");
        if (baseUrl == null || baseUrl.isEmpty()) {
            if (!absolute) throw new IllegalArgumentException("baseUrl is required: the API's server URL (" + serverUrl + ") is relative");
            return serverUrl.replaceAll("/+$", "");
        }
        String base = baseUrl.replaceAll("/+$", "");
        String serverPath = absolute ? "" : serverUrl.replaceAll("/+$", "");
        return serverPath.isEmpty() || base.endsWith(serverPath) ? base : base + serverPath;
    }

    static String resolveTokenUrl(String apiBase, String tokenUrl, String relativeTo) {
        if ("absolute".equals(relativeTo)) return tokenUrl;
        if ("api".equals(relativeTo)) return apiBase + tokenUrl;
        URI base = URI.create(apiBase);
        return base.getScheme() + "://" + base.getRawAuthority() + tokenUrl;
    }
}
