package io.gryt.api;

import java.util.Objects;

/**
 * A secret taken from an environment variable of the gryt process. Its value is passed to steps but
 * masked as {@code ***} in logs, stored data and exports.
 *
 * <pre>{@code Pipeline.of(step("deploy").run("./deploy.sh")).secrets(secret("TOKEN"))}</pre>
 *
 * @param name the environment variable that holds the value
 */
public record Secret(String name) {
    /** The text that replaces a secret value wherever gryt writes it. */
    public static final String MASK = "***";

    public Secret {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new InvalidPipelineException("secret name must not be blank");
    }

    /** Declares the environment variable {@code name} as a secret. */
    public static Secret secret(String name) {
        return new Secret(name);
    }
}
