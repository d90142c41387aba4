namespace {{namespace}}
{
    /// <summary>
    /// Base of generated oneOf/anyOf types: holds the JSON value and reads it as one variant or
    /// another on demand, so a variant this client does not know is kept rather than rejected.
    /// </summary>
    public abstract class UnionModel : IJsonModel
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

        public object ToJson()
        {
            return value;
        }

        public override bool Equals(object other)
        {
            return other != null && other.GetType() == GetType() && Json.Write(this) == Json.Write(other);
        }

        public override int GetHashCode()
        {
            return Json.Write(this).GetHashCode();
        }

        public override string ToString()
        {
            return GetType().Name + Json.Write(this);
        }
    }
}
