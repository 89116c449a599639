package io.gryt.api.spi;

/**
 * The store was opened read-only (explicitly, or because gryt may not write the database file or its directory)
 * and something tried to change it, or it cannot be read without writing. Not gryt's fault: the command line
 * treats it as bad input (exit code 2).
 */
public class ReadOnlyStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyStoreException(String message) {
        super(message);
    }
}
