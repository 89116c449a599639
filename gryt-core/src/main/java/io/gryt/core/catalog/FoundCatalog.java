package io.gryt.core.catalog;

import io.gryt.api.spi.Catalog;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog and where it was found.
 *
 * @param catalog the catalog
 * @param origin  where it comes from
 * @param file    its file, for a project's catalog (which must be committed like a pipeline file)
 */
public record FoundCatalog(Catalog catalog, CatalogOrigin origin, Optional<Path> file) {
    public FoundCatalog {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(file, "file");
    }

    /** The catalog's name. */
    public String name() {
        return catalog.name();
    }
}
