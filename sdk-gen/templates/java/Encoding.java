package {{package}};

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turning parameters and bodies into the parts of a request. */
final class Encoding {
    private Encoding() {
    }

    /** A parameter value as the API reads it: scalars as text, structures as JSON. */
    static String text(Object value) {
        if (value instanceof EnumModel) return String.valueOf(((EnumModel) value).value());
        if (value instanceof JsonModel || value instanceof Map || value instanceof List) return Json.write(value);
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return String.valueOf(value);
    }

    /** Percent-encoding of RFC 3986: URLEncoder writes spaces as '+', which only forms read as spaces. */
    static String percent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String expandPath(String template, Map<String, Object> values) {
        String out = template;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String joined = v instanceof List ? join((List<?>) v) : text(v);
            out = out.replace("{" + e.getKey() + "}", percent(joined));
        }
        return out;
    }

    private static String join(List<?> values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) parts.add(text(v));
        return String.join(",", parts);
    }

    static String queryString(Map<String, Object[]> params) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : params.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue()[0];
            String style = (String) e.getValue()[1];
            if (value instanceof JsonModel && !(value instanceof EnumModel)) value = ((JsonModel) value).toJson();
            if (value == null) continue;
            if (value instanceof List) {
                if ("formNoExplode".equals(style)) pairs.add(percent(name) + "=" + percent(join((List<?>) value)));
                else for (Object v : (List<?>) value) pairs.add(percent(name) + "=" + percent(text(v)));
            } else if (value instanceof Map) {
                for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
                    if (m.getValue() == null) continue;
                    String key = "deepObject".equals(style) ? name + "[" + m.getKey() + "]" : String.valueOf(m.getKey());
                    pairs.add(percent(key) + "=" + percent(text(m.getValue())));
                }
            } else {
                pairs.add(percent(name) + "=" + percent(text(value)));
            }
        }
        return String.join("&", pairs);
    }

    static byte[] form(Object body) {
        List<String> pairs = new ArrayList<>();
        Map<String, Object> fields = Json.asObject(body);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getValue() == null) continue;
            List<?> values = e.getValue() instanceof List ? (List<?>) e.getValue() : List.of(e.getValue());
            for (Object v : values) pairs.add(percent(e.getKey()) + "=" + percent(text(v)));
        }
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    /** The body and its content type: byte[] values become file parts, everything else text parts. */
    static Object[] multipart(Object body) {
        String boundary = "----sdk" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> e : Json.asObject(body).entrySet()) {
            if (e.getValue() == null) continue;
            List<?> values = e.getValue() instanceof List ? (List<?>) e.getValue() : List.of(e.getValue());
            String name = e.getKey().replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
            for (Object v : values) {
                out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (v instanceof byte[]) {
                    out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.writeBytes((byte[]) v);
                } else {
                    out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(text(v).getBytes(StandardCharsets.UTF_8));
                }
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Object[] {out.toByteArray(), "multipart/form-data; boundary=" + boundary};
    }
}
