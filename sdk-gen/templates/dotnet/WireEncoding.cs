namespace {{namespace}}
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Linq;
    using System.Net.Http;

    /// <summary>Turning parameters and bodies into the parts of a request.</summary>
    internal static class WireEncoding
    {
        /// <summary>A parameter value as the API reads it: scalars as invariant text, structures as JSON.</summary>
        internal static string Text(object value)
        {
            var enumValue = value as EnumModel;
            if (enumValue != null) return Text(enumValue.Value);
            if (value is bool) return (bool)value ? "true" : "false";
            if (value is string) return (string)value;
            if (value is IJsonModel || value is IDictionary || value is IEnumerable) return Json.Write(value);
            if (value is double || value is float)
            {
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
            }
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        private static IEnumerable<object> Items(object value)
        {
            if (value is string || value is IDictionary || value is IJsonModel || !(value is IEnumerable)) return new[] { value };
            return ((IEnumerable)value).Cast<object>();
        }

        /// <summary>A scalar as text, a list as its items' texts joined with commas.</summary>
        internal static string Joined(object value)
        {
            return string.Join(",", Items(value).Select(Text));
        }

        internal static string ExpandPath(string template, IDictionary<string, object> values)
        {
            var result = template;
            foreach (var e in values)
            {
                result = result.Replace("{" + e.Key + "}", Uri.EscapeDataString(Joined(e.Value)));
            }
            return result;
        }

        internal static string QueryString(IEnumerable<KeyValuePair<string, object[]>> parameters)
        {
            var pairs = new List<string>();
            foreach (var p in parameters)
            {
                var value = p.Value[0];
                var style = (string)p.Value[1];
                if (value is IJsonModel && !(value is EnumModel)) value = ((IJsonModel)value).ToJson();
                if (value == null) continue;
                var dict = value as IDictionary<string, object>;
                if (dict != null)
                {
                    foreach (var m in dict)
                    {
                        if (m.Value == null) continue;
                        var key = style == "deepObject" ? p.Key + "[" + m.Key + "]" : m.Key;
                        pairs.Add(Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(Text(m.Value)));
                    }
                }
                else if (style == "formNoExplode")
                {
                    pairs.Add(Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Joined(value)));
                }
                else
                {
                    foreach (var item in Items(value)) pairs.Add(Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Text(item)));
                }
            }
            return string.Join("&", pairs);
        }

        internal static List<KeyValuePair<string, string>> FormFields(object body)
        {
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var e in Json.AsObject(body))
            {
                if (e.Value == null) continue;
                foreach (var item in Items(e.Value)) fields.Add(new KeyValuePair<string, string>(e.Key, Text(item)));
            }
            return fields;
        }

        /// <summary>byte[] values become file parts, everything else text parts.</summary>
        internal static MultipartFormDataContent Multipart(object body)
        {
            var content = new MultipartFormDataContent();
            foreach (var e in Json.AsObject(body))
            {
                if (e.Value == null) continue;
                foreach (var item in Items(e.Value))
                {
                    var bytes = item as byte[];
                    if (bytes != null) content.Add(new ByteArrayContent(bytes), e.Key, e.Key);
                    else content.Add(new StringContent(Text(item)), e.Key);
                }
            }
            return content;
        }
    }
}
