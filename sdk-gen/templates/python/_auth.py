"""OAuth 2.0 client credentials: fetches an access token, caches it, and fetches a new one before it expires."""

import base64
import threading
import time
import typing as _t
import urllib.parse

# Renew this long before expiry (or at a tenth of the lifetime, if shorter), so a token never expires in flight.
REFRESH_MARGIN = 30.0


class ClientCredentials:
    def __init__(self, client_id: str, client_secret: str, scopes: _t.Optional[_t.Sequence[str]], post_form: _t.Callable[[_t.Dict[str, str], _t.Dict[str, str]], _t.Any]) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._scopes = list(scopes or [])
        self._post_form = post_form
        self._lock = threading.Lock()
        self._token: _t.Optional[str] = None
        self._expires_at = 0.0

    def token(self) -> str:
        with self._lock:
            if self._token is None or time.monotonic() >= self._expires_at:
                self._fetch()
            return _t.cast(str, self._token)

    def invalidate(self) -> None:
        """Forgets the token, e.g. after the API refused it, so the next call fetches a new one."""
        with self._lock:
            self._token = None

    def _fetch(self) -> None:
        form = {"grant_type": "client_credentials"}
        if self._scopes:
            form["scope"] = " ".join(self._scopes)
        # RFC 6749 2.3.1: the id and secret are form-encoded, then sent as HTTP Basic credentials.
        pair = "%s:%s" % (urllib.parse.quote(self._client_id, safe=""), urllib.parse.quote(self._client_secret, safe=""))
        headers = {"Authorization": "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")}
        answer = self._post_form(form, headers)
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str):
            raise ValueError("the token endpoint answered without an access_token")
        lifetime = float(answer.get("expires_in") or 3600)
        self._token = token
        self._expires_at = time.monotonic() + lifetime - min(REFRESH_MARGIN, lifetime / 10)
