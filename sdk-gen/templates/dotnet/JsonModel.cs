namespace {{namespace}}
{
    /// <summary>A value the JSON writer can serialise: generated models, enums and unions.</summary>
    public interface IJsonModel
    {
        /// <summary>The JSON value: a dictionary, list, string, number, bool or null (nested models allowed).</summary>
        object ToJson();
    }
}
