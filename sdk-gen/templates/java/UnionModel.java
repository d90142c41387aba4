package {{package}};

/**
 * Base of generated oneOf/anyOf types: holds the JSON value and reads it as one variant or
 * another on demand, so a variant this client does not know is kept rather than rejected.
 */
public abstract class UnionModel extends JsonValueModel {
    private final Object value;

    protected UnionModel(Object value) {
        this.value = value;
    }

    /** The value as decoded JSON (or the model it was made from). */
    public Object raw() {
        return value;
    }

    @Override
    public Object toJson() {
        return value;
    }
}
