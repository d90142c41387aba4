package {{package}};

/** A value the JSON writer can serialise: generated models, enums and unions. */
public interface JsonModel {
    /** The JSON value: a Map, List, String, Number, Boolean or null (nested models allowed). */
    Object toJson();
}
