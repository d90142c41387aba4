"""Turning parameters and bodies into the bytes of a request."""

import json
import typing as _t
import urllib.parse
import uuid

# (wire name, value, style): style is "form" (repeated keys), "formNoExplode" (comma-joined) or "deepObject".
QueryParam = _t.Tuple[str, _t.Any, str]


def text(value: _t.Any) -> str:
    """A parameter value as the API reads it: booleans as true/false, other scalars as is, structures as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def expand_path(template: str, values: _t.Mapping[str, _t.Any]) -> str:
    out = template
    for name, value in values.items():
        joined = ",".join(text(v) for v in value) if isinstance(value, (list, tuple)) else text(value)
        out = out.replace("{" + name + "}", urllib.parse.quote(joined, safe=""))
    return out


def query_string(params: _t.Sequence[QueryParam]) -> str:
    pairs: _t.List[_t.Tuple[str, str]] = []
    for name, value, style in params:
        if value is None:
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                if item is not None:
                    pairs.append(("%s[%s]" % (name, key) if style == "deepObject" else key, text(item)))
        elif isinstance(value, (list, tuple)):
            if style == "formNoExplode":
                pairs.append((name, ",".join(text(v) for v in value)))
            else:
                pairs.extend((name, text(v)) for v in value)
        else:
            pairs.append((name, text(value)))
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def form_body(body: _t.Mapping[str, _t.Any]) -> bytes:
    pairs: _t.List[_t.Tuple[str, str]] = []
    for name, value in body.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((name, text(v)) for v in value)
        else:
            pairs.append((name, text(value)))
    return urllib.parse.urlencode(pairs).encode("ascii")


def multipart_body(body: _t.Mapping[str, _t.Any]) -> _t.Tuple[bytes, str]:
    """(body, content type): bytes values become file parts, everything else text parts."""
    boundary = "----sdk" + uuid.uuid4().hex
    chunks: _t.List[bytes] = []
    for name, value in body.items():
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")
            if isinstance(item, (bytes, bytearray)):
                head = 'Content-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: application/octet-stream\r\n\r\n' % (quoted, quoted)
                data = bytes(item)
            else:
                head = 'Content-Disposition: form-data; name="%s"\r\n\r\n' % quoted
                data = text(item).encode("utf-8")
            chunks.append(("--%s\r\n" % boundary).encode("ascii") + head.encode("utf-8") + data + b"\r\n")
    chunks.append(("--%s--\r\n" % boundary).encode("ascii"))
    return b"".join(chunks), "multipart/form-data; boundary=" + boundary
