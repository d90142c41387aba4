namespace {{namespace}}
{
    /// <summary>
    /// Base of generated oneOf/anyOf types: holds the JSON value and reads it as one variant or
    /// another on demand, so a variant this client does not know is kept rather than rejected.
    /// </summary>
    public abstract class UnionModel : JsonValueModel
    {
        private readonly object value;

        protected UnionModel(object value)
        {
            this.value = value;
        }

        /// <summary>The value as decoded JSON (or the model it was made from).</summary>
        public object Raw
        {
            get { return value; }
        }

        public override object ToJson()
        {
            return value;
        }
    }
}
