package {{package}};

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SDK's JSON codec (the standard library has none). Decoded values are Map (insertion
 * ordered), List, String, Long (BigInteger past its range), Double (BigDecimal past its range),
 * Boolean and null; the {@code as…} helpers convert them to the types models expose.
 */
public final class Json {
    private Json() {
    }

    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.space();
        Object value = p.value();
        p.space();
        if (p.pos != text.length()) throw p.error("unexpected text after the JSON value");
        return value;
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            string((String) value, out);
        } else if (value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("JSON has no " + d);
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                if (!first) out.append(',');
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof byte[]) {
            string(Base64.getEncoder().encodeToString((byte[]) value), out);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
            }
        }
        out.append('"');
    }

    // Conversions used by the generated models: null stays null, a value of another kind is a ClassCastException naming both.

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        if (value == null || value instanceof Map) return (Map<String, Object>) value;
        throw mismatch(value, "object");
    }

    public static String asString(Object value) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        if (value == null || value instanceof String) return (String) value;
        throw mismatch(value, "string");
    }

    public static Long asLong(Object value) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        if (value == null) return null;
        if (value instanceof Number) return ((Number) value).longValue();
        throw mismatch(value, "integer");
    }

    public static Integer asInteger(Object value) {
        Long l = asLong(value);
        return l == null ? null : (int) (long) l;
    }

    public static Double asDouble(Object value) {
        if (value == null) return null;
        if (value instanceof Number) return ((Number) value).doubleValue();
        throw mismatch(value, "number");
    }

    public static Boolean asBoolean(Object value) {
        if (value == null || value instanceof Boolean) return (Boolean) value;
        throw mismatch(value, "boolean");
    }

    public static byte[] asBytes(Object value) {
        if (value == null || value instanceof byte[]) return (byte[]) value;
        if (value instanceof String) return Base64.getDecoder().decode((String) value);
        throw mismatch(value, "bytes");
    }

    public static <T> List<T> asList(Object value, Function<Object, T> item) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        if (value == null) return null;
        if (!(value instanceof List)) throw mismatch(value, "array");
        List<T> out = new ArrayList<>();
        for (Object v : (List<?>) value) out.add(item.apply(v));
        return out;
    }

    public static <T> Map<String, T> asMap(Object value, Function<Object, T> item) {
        Map<String, Object> object = asObject(value);
        if (object == null) return null;
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object.entrySet()) out.put(e.getKey(), item.apply(e.getValue()));
        return out;
    }

    /** A member of a JSON object, or null when the value is no object or lacks it. */
    public static Object field(Object value, String name) {
        if (value instanceof JsonModel) value = ((JsonModel) value).toJson();
        return value instanceof Map ? ((Map<?, ?>) value).get(name) : null;
    }

    private static ClassCastException mismatch(Object value, String expected) {
        return new ClassCastException("expected a JSON " + expected + ", got " + value.getClass().getSimpleName() + ": " + write(value));
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
        }

        Object value() {
            if (pos >= s.length()) throw error("unexpected end");
            char c = s.charAt(pos);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
            if (s.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
            if (s.startsWith("null", pos)) { pos += 4; return null; }
            return number();
        }

        Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            pos++;
            space();
            if (peek('}')) return out;
            while (true) {
                space();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a member name");
                String key = string();
                space();
                expect(':');
                space();
                out.put(key, value());
                space();
                if (peek('}')) return out;
                expect(',');
            }
        }

        List<Object> array() {
            List<Object> out = new ArrayList<>();
            pos++;
            space();
            if (peek(']')) return out;
            while (true) {
                space();
                out.add(value());
                space();
                if (peek(']')) return out;
                expect(',');
            }
        }

        boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
        }

        String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) throw error("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) throw error("short \\u escape");
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default: throw error("bad escape \\" + e);
                }
            }
        }

        Number number() {
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') pos++;
            while (pos < s.length() && "0123456789+-.eE".indexOf(s.charAt(pos)) >= 0) pos++;
            String text = s.substring(start, pos);
            if (text.isEmpty() || text.equals("-")) throw error("unexpected character");
            try {
                if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                    BigInteger big = new BigInteger(text);
                    return big.bitLength() < 64 ? (Number) big.longValue() : big;
                }
                BigDecimal exact = new BigDecimal(text);
                double d = exact.doubleValue();
                return Double.isInfinite(d) ? exact : (Number) d;
            } catch (NumberFormatException err) {
                throw error("bad number " + text);
            }
        }
    }
}
