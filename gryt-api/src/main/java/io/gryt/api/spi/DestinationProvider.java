package io.gryt.api.spi;

/**
 * Creates destinations of one {@link #type()} from their settings in {@code .gryt/config.yaml}; found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.gryt.api.spi.DestinationProvider}). Experimental.
 */
public interface DestinationProvider {
    /** The {@code type:} it handles: {@code slack}, {@code webhook}, {@code prometheus}, {@code s3}... */
    String type();

    /**
     * The destination these settings describe. Read secrets with {@link DestinationSettings#secret(String)}, never
     * from the settings themselves.
     *
     * @throws io.gryt.api.BadInputException naming the destination and the setting when one is missing or wrong
     */
    Destination create(DestinationSettings settings);
}
