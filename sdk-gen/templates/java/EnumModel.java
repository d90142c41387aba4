package {{package}};

import java.util.Objects;

/**
 * Base of generated enums: a class with a constant per known value rather than a Java enum, so a
 * value added by a newer API is kept (as a new instance) instead of failing to decode.
 */
public abstract class EnumModel implements JsonModel {
    private final Object value;

    protected EnumModel(Object value) {
        this.value = value;
    }

    /** The wire value: a String, or a Long for integer enums. */
    public Object value() {
        return value;
    }

    @Override
    public Object toJson() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Objects.equals(value, ((EnumModel) other).value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
