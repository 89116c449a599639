package io.gryt.core.catalog;

import io.gryt.core.internal.yaml.CatalogFiles;
import io.gryt.core.internal.yaml.YamlCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The catalogs shipped inside gryt, read once from {@code io/gryt/core/catalog/<name>.yaml}. */
final class BuiltinCatalogs {
    /** The built-in catalogs' names, in the order {@code gryt catalog list} shows them. */
    static final List<String> NAMES = List.of("go", "python", "node", "rust", "maven", "gradle");
    private static final List<YamlCatalog> ALL = NAMES.stream().map(BuiltinCatalogs::read).toList();

    private BuiltinCatalogs() {
    }

    static List<YamlCatalog> all() {
        return ALL;
    }

    private static YamlCatalog read(String name) {
        String resource = name + ".yaml";
        try (InputStream in = BuiltinCatalogs.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("built-in catalog " + resource + " is missing from gryt");
            return CatalogFiles.parse("gryt:catalog/" + resource, name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
