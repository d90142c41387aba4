"""The only code that talks HTTP: builds requests, authenticates, retries, and turns answers into values or errors."""

import http.client
import json
import socket
import time
import typing as _t
import urllib.error
import urllib.request
import uuid

from . import _encoding, _retry
from ._auth import ClientCredentials
from ._errors import ApiConnectionError, error_for

_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class Settings:
    """What the generated client knows about the API, and what the caller configured."""

    def __init__(self, **values: _t.Any) -> None:
        self.base_url: str = values["base_url"]
        self.api_key: _t.Optional[str] = values.get("api_key")
        self.api_key_name: _t.Optional[str] = values.get("api_key_name")
        self.api_key_in: _t.Optional[str] = values.get("api_key_in")
        self.token_url: _t.Optional[str] = values.get("token_url")
        self.client_id: _t.Optional[str] = values.get("client_id")
        self.client_secret: _t.Optional[str] = values.get("client_secret")
        self.scopes: _t.Optional[_t.Sequence[str]] = values.get("scopes")
        self.timeout: float = values.get("timeout", 30.0)
        self.max_retries: int = values.get("max_retries", 3)
        self.user_agent: str = values.get("user_agent", "sdk-python")


class Transport:
    def __init__(self, settings: Settings) -> None:
        self._s = settings
        self._oauth: _t.Optional[ClientCredentials] = None
        if settings.client_id and settings.client_secret:
            if not settings.token_url:
                raise ValueError("client credentials need a token URL: the API declares no OAuth 2.0 client-credentials flow")
            self._oauth = ClientCredentials(settings.client_id, settings.client_secret, settings.scopes, self._post_token_form)

    def request(
        self,
        method: str,
        path: str,
        *,
        path_params: _t.Optional[_t.Mapping[str, _t.Any]] = None,
        query: _t.Sequence[_encoding.QueryParam] = (),
        headers: _t.Optional[_t.Mapping[str, _t.Any]] = None,
        cookies: _t.Optional[_t.Mapping[str, _t.Any]] = None,
        body: _t.Any = None,
        body_encoding: _t.Optional[str] = None,
        media_type: str = "application/json",
        response: str = "json",
        authenticated: bool = True,
    ) -> _t.Any:
        query = list(query)
        head: _t.Dict[str, str] = {"User-Agent": self._s.user_agent, "Accept": "application/json" if response == "json" else "*/*"}
        for name, value in (headers or {}).items():
            if value is not None:
                head[name] = ",".join(_encoding.text(v) for v in value) if isinstance(value, (list, tuple)) else _encoding.text(value)
        cookie_jar = {k: _encoding.text(v) for k, v in (cookies or {}).items() if v is not None}
        data, content_type = self._encode_body(body, body_encoding, media_type)
        if content_type:
            head["Content-Type"] = content_type
        if authenticated and self._s.api_key and not self._oauth:
            if self._s.api_key_in == "query":
                query.append((_t.cast(str, self._s.api_key_name), self._s.api_key, "form"))
            elif self._s.api_key_in == "cookie":
                cookie_jar[_t.cast(str, self._s.api_key_name)] = self._s.api_key
            elif self._s.api_key_in == "header":
                head[_t.cast(str, self._s.api_key_name)] = self._s.api_key
            else:
                head["Authorization"] = "Bearer " + self._s.api_key
        if cookie_jar:
            head["Cookie"] = "; ".join("%s=%s" % kv for kv in cookie_jar.items())
        # One key for every attempt of an unsafe call, so a server that saw an earlier attempt can tell it is the same call.
        if method not in _SAFE_METHODS and self._s.max_retries > 0 and not any(k.lower() == "idempotency-key" for k in head):
            head["Idempotency-Key"] = str(uuid.uuid4())
        url = self._s.base_url + _encoding.expand_path(path, path_params or {})
        qs = _encoding.query_string(query)
        if qs:
            url += ("&" if "?" in url else "?") + qs
        status, answer_headers, raw = self._send(method, url, head, data, authenticated and self._oauth is not None)
        return _decode(raw, response, answer_headers)

    def _encode_body(self, body: _t.Any, encoding: _t.Optional[str], media_type: str) -> _t.Tuple[_t.Optional[bytes], _t.Optional[str]]:
        if encoding is None or body is None:
            return None, None
        if encoding == "json":
            return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), media_type
        if encoding == "form":
            return _encoding.form_body(body), media_type
        if encoding == "multipart":
            return _encoding.multipart_body(body)
        if encoding == "text":
            return str(body).encode("utf-8"), media_type
        return bytes(body), media_type

    def _send(self, method: str, url: str, headers: _t.Dict[str, str], data: _t.Optional[bytes], oauth: bool) -> _t.Tuple[int, _t.Dict[str, str], bytes]:
        attempt = 0
        refreshed = False
        while True:
            if oauth:
                headers["Authorization"] = "Bearer " + _t.cast(ClientCredentials, self._oauth).token()
            try:
                status, answer_headers, raw = self._once(method, url, headers, data)
            except (urllib.error.URLError, socket.timeout, ConnectionError, http.client.HTTPException, OSError) as err:
                if attempt >= self._s.max_retries:
                    raise ApiConnectionError("%s %s failed after %d attempt(s): %s" % (method, url, attempt + 1, err)) from err
                time.sleep(_retry.backoff_delay(attempt))
                attempt += 1
                continue
            if 200 <= status < 300:
                return status, answer_headers, raw
            # An access token can be revoked or expire early: fetch a new one once, then give up.
            if status == 401 and oauth and not refreshed:
                _t.cast(ClientCredentials, self._oauth).invalidate()
                refreshed = True
                continue
            body = _parse_error_body(raw, answer_headers)
            if _retry.is_retryable_status(status) and attempt < self._s.max_retries:
                wait = _retry.retry_after(answer_headers)
                if wait is None or wait <= _retry.MAX_RETRY_AFTER:
                    time.sleep(wait if wait is not None else _retry.backoff_delay(attempt))
                    attempt += 1
                    continue
            raise error_for(status, body, answer_headers, method, url)

    def _once(self, method: str, url: str, headers: _t.Dict[str, str], data: _t.Optional[bytes]) -> _t.Tuple[int, _t.Dict[str, str], bytes]:
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self._s.timeout) as res:
                return res.status, {k.lower(): v for k, v in res.headers.items()}, res.read()
        except urllib.error.HTTPError as err:
            with err:
                return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()

    def _post_token_form(self, form: _t.Dict[str, str], headers: _t.Dict[str, str]) -> _t.Any:
        head = {"User-Agent": self._s.user_agent, "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded", **headers}
        _, answer_headers, raw = self._send("POST", _t.cast(str, self._s.token_url), head, _encoding.form_body(form), False)
        return _decode(raw, "json", answer_headers)


def _decode(raw: bytes, response: str, headers: _t.Dict[str, str]) -> _t.Any:
    if response == "json":
        return json.loads(raw.decode("utf-8")) if raw.strip() else None
    if response == "binary":
        return raw
    if response == "text":
        return raw.decode("utf-8")
    return None


def _parse_error_body(raw: bytes, headers: _t.Dict[str, str]) -> _t.Any:
    text = raw.decode("utf-8", errors="replace")
    if "json" in headers.get("content-type", ""):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text

