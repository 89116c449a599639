package io.gryt.api.spi;

import io.gryt.api.GrytException;

/** The store failed: a broken or foreign database file, a schema from a newer gryt, an I/O error. */
public class StoreException extends GrytException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
