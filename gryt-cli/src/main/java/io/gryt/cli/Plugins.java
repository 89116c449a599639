package io.gryt.cli;

import io.gryt.api.spi.Catalog;
import io.gryt.api.spi.Hook;
import io.gryt.api.spi.PromotionGate;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The CLI's plugin jars: {@code *.jar} in the project's {@code .gryt/plugins/} and the jars (or directories of jars)
 * of the {@code GRYT_PLUGINS} path, put on a child class loader that {@link java.util.ServiceLoader} finds gates, hooks
 * and catalogs with. Each jar is checked first, alone: one that cannot be read, or whose services cannot be loaded
 * and created, is left out and reported in one line, so that the others and every command still work.
 */
final class Plugins {
    /** The services gryt looks up in plugins. */
    static final List<Class<?>> SERVICES = List.of(PromotionGate.class, Hook.class, Catalog.class);
    /** The variable naming more plugin jars, separated like a class path. */
    static final String VARIABLE = "GRYT_PLUGINS";

    private final List<Jar> jars;
    private final ClassLoader loader;

    private Plugins(List<Jar> jars, ClassLoader loader) {
        this.jars = List.copyOf(jars);
        this.loader = loader;
    }

    /** The plugins of {@code pluginsDir} (absent: none there) and of {@code env}'s {@code GRYT_PLUGINS}. */
    static Plugins find(Optional<Path> pluginsDir, Map<String, String> env) {
        ClassLoader parent = Plugins.class.getClassLoader();
        List<Path> candidates = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        pluginsDir.ifPresent(dir -> jarsIn(dir).forEach(p -> {
            candidates.add(p);
            origins.add(".gryt/plugins");
        }));
        String path = env.get(VARIABLE);
        if (path != null && !path.isBlank()) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) continue;
                Path p = Path.of(entry.strip()).toAbsolutePath().normalize();
                for (Path jar : Files.isDirectory(p) ? jarsIn(p) : List.of(p)) {
                    candidates.add(jar);
                    origins.add(VARIABLE);
                }
            }
        }
        List<Jar> jars = new ArrayList<>();
        List<URL> good = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Path jar = candidates.get(i);
            Optional<String> problem = check(jar, parent);
            jars.add(new Jar(jar, origins.get(i), problem));
            if (problem.isEmpty()) good.add(url(jar));
        }
        ClassLoader loader = good.isEmpty() ? parent
                : new URLClassLoader("gryt-plugins", good.toArray(URL[]::new), parent);
        return new Plugins(jars, loader);
    }

    /** The class loader to find services with: gryt's own, with the good plugin jars as a child. */
    ClassLoader loader() {
        return loader;
    }

    /** Every plugin jar found, broken ones included, in the order they were found. */
    List<Jar> jars() {
        return jars;
    }

    /** The jars left out, each with its one-line problem. */
    List<Jar> broken() {
        return jars.stream().filter(j -> j.problem().isPresent()).toList();
    }

    /** The jar that holds {@code type}, if it came from a plugin. */
    Optional<Jar> jarOf(Class<?> type) {
        if (type.getClassLoader() != loader || !(loader instanceof URLClassLoader)) return Optional.empty();
        URL location = type.getProtectionDomain().getCodeSource() == null ? null
                : type.getProtectionDomain().getCodeSource().getLocation();
        if (location == null) return Optional.empty();
        return jars.stream().filter(j -> j.problem().isEmpty() && url(j.path()).equals(location)).findFirst();
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            s.forEach(p -> found.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }

    /** What is wrong with {@code jar} alone, on top of gryt: empty when it reads and its services can be created. */
    private static Optional<String> check(Path jar, ClassLoader parent) {
        if (!Files.isRegularFile(jar)) return Optional.of("no such file");
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Class<?> service : SERVICES) {
                ZipEntry entry = file.getEntry("META-INF/services/" + service.getName());
                if (entry == null) continue;
                try (InputStream in = file.getInputStream(entry)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException | SecurityException e) {
            return Optional.of("not a readable jar (" + e.getMessage() + ")");
        }
        try (URLClassLoader alone = new URLClassLoader(new URL[]{url(jar)}, parent)) {
            for (Class<?> service : SERVICES) {
                for (ServiceLoader.Provider<?> provider : ServiceLoader.load(service, alone).stream().toList()) {
                    provider.get();
                }
            }
        } catch (java.util.ServiceConfigurationError | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = e.getMessage() + (cause != e ? ": " + cause : "");
            return Optional.of("its services cannot be loaded (" + message.replaceAll("\\R", " ") + ")");
        } catch (IOException e) {
            return Optional.of("cannot be closed after checking (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is always a URL: " + jar, e);
        }
    }

    /**
     * One plugin jar.
     *
     * @param path    where it is
     * @param origin  how it was found: {@code .gryt/plugins} or {@code GRYT_PLUGINS}
     * @param problem why it was left out, if it was
     */
    record Jar(Path path, String origin, Optional<String> problem) {
    }
}
