"""Standard Webhooks signature verification (https://www.standardwebhooks.com)."""

import base64
import hashlib
import hmac
import json
import time
import typing as _t

TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """The message's signature or timestamp did not verify: do not trust it."""


class Webhook:
    """Verifies ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` against a ``whsec_…`` secret."""

    def __init__(self, secret: _t.Union[str, bytes]) -> None:
        if isinstance(secret, bytes):
            self._key = secret
        else:
            self._key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)

    def verify(self, payload: _t.Union[str, bytes], headers: _t.Mapping[str, str]) -> _t.Any:
        """Returns the parsed JSON payload when a signature matches and the timestamp is within 5 minutes."""
        lowered = {k.lower(): v for k, v in headers.items()}
        msg_id = lowered.get("webhook-id")
        timestamp = lowered.get("webhook-timestamp")
        signatures = lowered.get("webhook-signature")
        if not msg_id or not timestamp or not signatures:
            raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
        try:
            sent_at = int(timestamp)
        except ValueError:
            raise WebhookVerificationError("webhook-timestamp is not a number") from None
        now = time.time()
        if sent_at < now - TOLERANCE_SECONDS or sent_at > now + TOLERANCE_SECONDS:
            raise WebhookVerificationError("webhook-timestamp is more than 5 minutes from now")
        body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        expected = self.sign(msg_id, sent_at, body).split(",", 1)[1]
        for candidate in signatures.split(" "):
            version, _, signature = candidate.partition(",")
            if version == "v1" and hmac.compare_digest(signature.encode("utf-8"), expected.encode("utf-8")):
                return json.loads(body.decode("utf-8"))
        raise WebhookVerificationError("no matching signature")

    def sign(self, msg_id: str, timestamp: int, payload: _t.Union[str, bytes]) -> str:
        """The ``v1,<base64>`` signature of a message."""
        body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        content = ("%s.%d." % (msg_id, timestamp)).encode("utf-8") + body
        return "v1," + base64.b64encode(hmac.new(self._key, content, hashlib.sha256).digest()).decode("ascii")
