package io.gryt.api.spi;

/**
 * The store's data cannot be read: a truncated, overwritten or otherwise damaged database, or a file this gryt
 * cannot use (another application's database). Its message names the
 * location and, when there are snapshots, how to restore one ({@link StoreProvider#restoreDamaged}). Unlike
 * other store failures this is not gryt's fault, so the command line treats it as bad input (exit code 2).
 */
public class DamagedStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DamagedStoreException(String message) {
        super(message);
    }

    public DamagedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
