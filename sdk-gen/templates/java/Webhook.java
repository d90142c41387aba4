package {{package}};

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies Standard Webhooks signatures ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) against a {@code whsec_…} secret. */
public final class Webhook {
    private static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    public Webhook(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
    }

    /** The parsed JSON payload, when a signature matches and the timestamp is within 5 minutes of now. */
    public Object verify(String payload, Map<String, String> headers) {
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        if (id == null || timestamp == null || signatures == null) throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature header");
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException err) {
            throw new WebhookVerificationException("webhook-timestamp is not a number");
        }
        long now = System.currentTimeMillis() / 1000;
        if (sentAt < now - TOLERANCE_SECONDS || sentAt > now + TOLERANCE_SECONDS) throw new WebhookVerificationException("webhook-timestamp is more than 5 minutes from now");
        byte[] expected = sign(id, sentAt, payload).substring("v1,".length()).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatures.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) continue;
            // MessageDigest.isEqual takes time independent of where the arrays differ.
            if (MessageDigest.isEqual(candidate.substring(comma + 1).getBytes(StandardCharsets.UTF_8), expected)) return Json.parse(payload);
        }
        throw new WebhookVerificationException("no matching signature");
    }

    /** The {@code v1,<base64>} signature of a message. */
    public String sign(String id, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException err) {
            throw new IllegalStateException("HmacSHA256 is unavailable", err);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }
}
