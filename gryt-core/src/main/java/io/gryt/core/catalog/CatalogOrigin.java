package io.gryt.core.catalog;


/** Where a catalog comes from; a project's catalog hides a registered one of the same name, which hides a built-in one. */
public enum CatalogOrigin {
    /** {@code .gryt/catalogs/<name>.yaml}, committed with the project. */
    PROJECT,
    /** Registered by Java code: {@code Gryt.builder().catalog(...)} or {@link java.util.ServiceLoader}. */
    REGISTERED,
    /** Shipped inside gryt. */
    BUILT_IN
}
