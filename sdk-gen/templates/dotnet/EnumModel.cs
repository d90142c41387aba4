namespace {{namespace}}
{
    /// <summary>
    /// Base of generated enums: a class with a constant per known value rather than a C# enum, so a
    /// value added by a newer API is kept (as a new instance) instead of failing to decode.
    /// </summary>
    public abstract class EnumModel : IJsonModel
    {
        private readonly object value;

        protected EnumModel(object value)
        {
            this.value = value;
        }

        /// <summary>The wire value: a string, or a long for integer enums.</summary>
        public object Value
        {
            get { return value; }
        }

        public object ToJson()
        {
            return value;
        }

        public override bool Equals(object other)
        {
            return other != null && other.GetType() == GetType() && Equals(value, ((EnumModel)other).value);
        }

        public override int GetHashCode()
        {
            return value == null ? 0 : value.GetHashCode();
        }

        public override string ToString()
        {
            return System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
