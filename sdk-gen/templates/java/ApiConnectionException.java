package {{package}};

/** No answer: the connection failed or timed out, after the client's retries. */
public class ApiConnectionException extends RuntimeException {
    public ApiConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
