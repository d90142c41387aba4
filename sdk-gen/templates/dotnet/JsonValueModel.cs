namespace {{namespace}}
{
    /// <summary>
    /// Base of the models whose identity is their JSON: objects and unions are equal when they are
    /// of the same class and write the same JSON.
    /// </summary>
    public abstract class JsonValueModel : IJsonModel
    {
        public abstract object ToJson();

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
