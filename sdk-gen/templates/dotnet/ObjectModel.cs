namespace {{namespace}}
{
    using System.Collections.Generic;

    /// <summary>
    /// Base of generated object models: a typed view over the JSON object's members. Members the
    /// model does not declare are kept, so a model read from a newer API writes them back unchanged;
    /// an absent member and an explicit null stay distinct.
    /// </summary>
    public abstract class ObjectModel : JsonValueModel
    {
        private readonly Dictionary<string, object> fields;

        protected ObjectModel()
        {
            fields = new Dictionary<string, object>();
        }

        protected ObjectModel(IDictionary<string, object> fields)
        {
            this.fields = new Dictionary<string, object>(fields);
        }

        /// <summary>The raw JSON value of a member, declared or not (null when absent).</summary>
        public object RawField(string name)
        {
            object value;
            return fields.TryGetValue(name, out value) ? value : null;
        }

        public bool ContainsField(string name)
        {
            return fields.ContainsKey(name);
        }

        /// <summary>Sets a member, declared or not; a null value is sent as JSON null.</summary>
        public ObjectModel WithField(string name, object value)
        {
            fields[name] = value;
            return this;
        }

        public ObjectModel WithoutField(string name)
        {
            fields.Remove(name);
            return this;
        }

        public override object ToJson()
        {
            return fields;
        }
    }
}
