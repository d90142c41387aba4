package {{package}};

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** When to retry and how long to wait: exponential backoff with jitter, or what Retry-After says. */
final class Retry {
    private static final long BASE_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 8000;
    /** A longer Retry-After than this is not waited for: the error goes to the caller, who can decide. */
    static final long MAX_RETRY_AFTER_MS = 60_000;

    private Retry() {
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /** Milliseconds before retry number {@code attempt} (0-based): half fixed, half random, so clients spread out. */
    static long backoffDelay(int attempt) {
        long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or -1. */
    static long retryAfterMs(String value) {
        if (value == null) return -1;
        String v = value.trim();
        if (v.matches("\\d+")) return Long.parseLong(v) * 1000;
        try {
            return Math.max(0, Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
