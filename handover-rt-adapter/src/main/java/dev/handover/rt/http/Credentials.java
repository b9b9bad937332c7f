package dev.handover.rt.http;

import dev.handover.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How requests authenticate: an RT auth token (what production uses; RT's "Auth tokens" page makes one for a user) or
 * user name and password (basic auth, for a sandbox). Neither shows its secret in {@code toString()} or {@link
 * #describe()}.
 */
public sealed interface Credentials {

    /** The {@code Authorization} header value. */
    String authorization();

    /** What kind of credential this is, for messages and logs; never the secret. */
    String describe();

    /** An RT auth token, sent as {@code Authorization: token …}. */
    static Credentials token(Secret token) {
        return new Token(Objects.requireNonNull(token, "token"));
    }

    /** A user name and password, sent as HTTP basic auth. */
    static Credentials basic(String user, Secret password) {
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("the RT user name must be non-blank and without ':'");
        }
        return new Basic(user, Objects.requireNonNull(password, "password"));
    }

    /** An auth token. */
    record Token(Secret token) implements Credentials {
        @Override
        public String authorization() {
            return "token " + token.reveal();
        }

        @Override
        public String describe() {
            return "RT auth token";
        }

        @Override
        public String toString() {
            return "Credentials[" + describe() + "]";
        }
    }

    /** Basic auth. */
    record Basic(String user, Secret password) implements Credentials {
        @Override
        public String authorization() {
            String pair = user + ":" + password.reveal();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            return "RT user " + user + " with password";
        }

        @Override
        public String toString() {
            return "Credentials[" + describe() + "]";
        }
    }
}
