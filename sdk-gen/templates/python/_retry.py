"""When to retry and how long to wait: exponential backoff with jitter, or what Retry-After says."""

import email.utils
import random
import time
import typing as _t

BASE_DELAY = 0.5
MAX_DELAY = 8.0
# A longer Retry-After than this is not waited for: the error goes to the caller, who can decide.
MAX_RETRY_AFTER = 60.0


def is_retryable_status(status: int) -> bool:
    return status == 429 or status >= 500


def backoff_delay(attempt: int) -> float:
    """Seconds before retry number ``attempt`` (0-based): half fixed, half random, so clients spread out."""
    ceiling = min(MAX_DELAY, BASE_DELAY * (2 ** attempt))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def retry_after(headers: _t.Dict[str, str]) -> _t.Optional[float]:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
