package io.gryt.api.spi;

/**
 * The store was written by a newer gryt (its schema is newer than this gryt knows) and is left as it is. Not
 * gryt's fault nor damage to repair: the command line treats it as bad input (exit code 2), and the way out is
 * to upgrade gryt.
 */
public class NewerStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NewerStoreException(String message) {
        super(message);
    }
}
