namespace {{namespace}}
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Text;

    /// <summary>
    /// The SDK's JSON codec (no System.Text.Json on .NET Framework). Decoded values are
    /// Dictionary&lt;string, object&gt;, List&lt;object&gt;, string, long (double past its range),
    /// double, bool and null; the As… helpers convert them to the types models expose.
    /// </summary>
    public static class Json
    {
        public static object Parse(string text)
        {
            var p = new Parser(text);
            p.Space();
            var value = p.Value();
            p.Space();
            if (p.Pos != text.Length) throw p.Error("unexpected text after the JSON value");
            return value;
        }

        public static string Write(object value)
        {
            var sb = new StringBuilder();
            Write(value, sb);
            return sb.ToString();
        }

        private static void Write(object value, StringBuilder sb)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            if (value == null) sb.Append("null");
            else if (value is string) WriteString((string)value, sb);
            else if (value is bool) sb.Append((bool)value ? "true" : "false");
            else if (value is double || value is float) WriteDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture), sb);
            else if (value is byte[]) WriteString(Convert.ToBase64String((byte[])value), sb);
            else if (value is IDictionary)
            {
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry e in (IDictionary)value)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(Convert.ToString(e.Key, CultureInfo.InvariantCulture), sb);
                    sb.Append(':');
                    Write(e.Value, sb);
                }
                sb.Append('}');
            }
            else if (value is IEnumerable)
            {
                sb.Append('[');
                var first = true;
                foreach (var item in (IEnumerable)value)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(item, sb);
                }
                sb.Append(']');
            }
            else if (value is IConvertible) sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            else throw new ArgumentException("cannot write a " + value.GetType().FullName + " as JSON");
        }

        private static void WriteDouble(double d, StringBuilder sb)
        {
            if (double.IsNaN(d) || double.IsInfinity(d)) throw new ArgumentException("JSON has no " + d);
            sb.Append(d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
        }

        private static void WriteString(string s, StringBuilder sb)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        // Conversions used by the generated models: null stays null, a value of another kind is an InvalidCastException naming both.

        public static IDictionary<string, object> AsObject(object value)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            if (value == null) return null;
            var dict = value as IDictionary<string, object>;
            if (dict != null) return dict;
            throw Mismatch(value, "object");
        }

        public static string AsString(object value)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            if (value == null || value is string) return (string)value;
            throw Mismatch(value, "string");
        }

        public static long? AsLong(object value)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            if (value == null) return null;
            if (value is long || value is int || value is double || value is decimal || value is short || value is float) return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            throw Mismatch(value, "integer");
        }

        public static int? AsInt(object value)
        {
            var l = AsLong(value);
            return l.HasValue ? (int?)(int)l.Value : null;
        }

        public static double? AsDouble(object value)
        {
            if (value == null) return null;
            if (value is long || value is int || value is double || value is decimal || value is short || value is float) return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            throw Mismatch(value, "number");
        }

        public static bool? AsBool(object value)
        {
            if (value == null) return null;
            if (value is bool) return (bool)value;
            throw Mismatch(value, "boolean");
        }

        public static byte[] AsBytes(object value)
        {
            if (value == null || value is byte[]) return (byte[])value;
            if (value is string) return Convert.FromBase64String((string)value);
            throw Mismatch(value, "bytes");
        }

        public static List<T> AsList<T>(object value, Func<object, T> item)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            if (value == null) return null;
            if (value is string || value is IDictionary || !(value is IEnumerable)) throw Mismatch(value, "array");
            var result = new List<T>();
            foreach (var v in (IEnumerable)value) result.Add(item(v));
            return result;
        }

        public static Dictionary<string, T> AsMap<T>(object value, Func<object, T> item)
        {
            var obj = AsObject(value);
            if (obj == null) return null;
            var result = new Dictionary<string, T>();
            foreach (var e in obj) result[e.Key] = item(e.Value);
            return result;
        }

        /// <summary>A member of a JSON object, or null when the value is no object or lacks it.</summary>
        public static object Field(object value, string name)
        {
            var model = value as IJsonModel;
            if (model != null) value = model.ToJson();
            var dict = value as IDictionary<string, object>;
            object member;
            return dict != null && dict.TryGetValue(name, out member) ? member : null;
        }

        private static InvalidCastException Mismatch(object value, string expected)
        {
            return new InvalidCastException("expected a JSON " + expected + ", got " + value.GetType().Name + ": " + Write(value));
        }

        private sealed class Parser
        {
            private readonly string s;
            public int Pos;

            public Parser(string s)
            {
                this.s = s;
            }

            public FormatException Error(string message)
            {
                return new FormatException("invalid JSON at offset " + Pos + ": " + message);
            }

            public void Space()
            {
                while (Pos < s.Length && " \t\r\n".IndexOf(s[Pos]) >= 0) Pos++;
            }

            private bool Literal(string word)
            {
                if (string.CompareOrdinal(s, Pos, word, 0, word.Length) != 0) return false;
                Pos += word.Length;
                return true;
            }

            public object Value()
            {
                if (Pos >= s.Length) throw Error("unexpected end");
                var c = s[Pos];
                if (c == '{') return Object();
                if (c == '[') return Array();
                if (c == '"') return String();
                if (Literal("true")) return true;
                if (Literal("false")) return false;
                if (Literal("null")) return null;
                return Number();
            }

            private Dictionary<string, object> Object()
            {
                var result = new Dictionary<string, object>();
                Pos++;
                Space();
                if (Peek('}')) return result;
                while (true)
                {
                    Space();
                    if (Pos >= s.Length || s[Pos] != '"') throw Error("expected a member name");
                    var key = String();
                    Space();
                    Expect(':');
                    Space();
                    result[key] = Value();
                    Space();
                    if (Peek('}')) return result;
                    Expect(',');
                }
            }

            private List<object> Array()
            {
                var result = new List<object>();
                Pos++;
                Space();
                if (Peek(']')) return result;
                while (true)
                {
                    Space();
                    result.Add(Value());
                    Space();
                    if (Peek(']')) return result;
                    Expect(',');
                }
            }

            private bool Peek(char c)
            {
                if (Pos < s.Length && s[Pos] == c)
                {
                    Pos++;
                    return true;
                }
                return false;
            }

            private void Expect(char c)
            {
                if (!Peek(c)) throw Error("expected '" + c + "'");
            }

            private string String()
            {
                var sb = new StringBuilder();
                Pos++;
                while (true)
                {
                    if (Pos >= s.Length) throw Error("unterminated string");
                    var c = s[Pos++];
                    if (c == '"') return sb.ToString();
                    if (c != '\\')
                    {
                        sb.Append(c);
                        continue;
                    }
                    if (Pos >= s.Length) throw Error("unterminated escape");
                    var e = s[Pos++];
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (Pos + 4 > s.Length) throw Error("short \\u escape");
                            sb.Append((char)int.Parse(s.Substring(Pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            Pos += 4;
                            break;
                        default: throw Error("bad escape \\" + e);
                    }
                }
            }

            private object Number()
            {
                var start = Pos;
                if (Pos < s.Length && s[Pos] == '-') Pos++;
                while (Pos < s.Length && "0123456789+-.eE".IndexOf(s[Pos]) >= 0) Pos++;
                var text = s.Substring(start, Pos - start);
                if (text.Length == 0 || text == "-") throw Error("unexpected character");
                long l;
                if (text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l)) return l;
                double d;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
                throw Error("bad number " + text);
            }
        }
    }
}
