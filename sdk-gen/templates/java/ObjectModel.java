package {{package}};

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of generated object models: a typed view over the JSON object's members. Members the
 * model does not declare are kept, so a model read from a newer API writes them back unchanged;
 * an absent member and an explicit null stay distinct.
 */
public abstract class ObjectModel extends JsonValueModel {
    private final Map<String, Object> fields;

    protected ObjectModel() {
        this.fields = new LinkedHashMap<>();
    }

    protected ObjectModel(Map<String, Object> fields) {
        this.fields = new LinkedHashMap<>(fields);
    }

    /** The raw JSON value of a member, declared or not (null when absent). */
    public Object rawField(String name) {
        return fields.get(name);
    }

    public boolean containsField(String name) {
        return fields.containsKey(name);
    }

    /** Sets a member, declared or not; a null value is sent as JSON null. */
    public ObjectModel withField(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public ObjectModel withoutField(String name) {
        fields.remove(name);
        return this;
    }

    @Override
    public Object toJson() {
        return fields;
    }
}
