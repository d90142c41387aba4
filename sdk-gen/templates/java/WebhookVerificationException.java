package {{package}};

/** A webhook message's signature or timestamp did not verify: do not trust it. */
public class WebhookVerificationException extends RuntimeException {
    public WebhookVerificationException(String message) {
        super(message);
    }
}
