package {{package}};

/**
 * Base of the models whose identity is their JSON: objects and unions are equal when they are of
 * the same class and write the same JSON.
 */
public abstract class JsonValueModel implements JsonModel {
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Json.write(this).equals(Json.write(other));
    }

    @Override
    public int hashCode() {
        return Json.write(this).hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Json.write(this);
    }
}
