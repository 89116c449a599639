package io.gryt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a fresh {@link TempProject} in a new temporary directory into test methods, constructors and
 * lifecycle methods, and deletes the directory after the test. Within one test, {@code @BeforeEach} methods
 * and the test method get the same project.
 *
 * <pre>{@code
 * @ExtendWith(TempProjectExtension.class)
 * class RunTest {
 *     @Test
 *     void runsAPipeline(TempProject project) { ... }
 * }
 * }</pre>
 */
public final class TempProjectExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TempProjectExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TempProject.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return project(context);
    }

    /**
     * The project of {@code context}'s test (or class), made on first use and deleted when it ends: what this
     * extension injects, for other extensions built on it (gryt-junit's {@code @GrytProject}).
     */
    public static TempProject project(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(TempProject.class, key -> new Cleanup(), Cleanup.class)
                .project;
    }

    /** Owns the directory; the store closes it when its test (or class) ends. */
    private static final class Cleanup implements AutoCloseable {
        private final Path dir;
        private final TempProject project;

        Cleanup() {
            try {
                dir = Files.createTempDirectory("gryt-project-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            project = TempProject.create(dir);
        }

        @Override
        public void close() throws IOException {
            // A process a test started may still be finishing a write: try again briefly before giving up.
            for (int attempt = 1; ; attempt++) {
                try {
                    deleteRecursively(dir);
                    return;
                } catch (IOException e) {
                    if (attempt == 3) throw e;
                    pause();
                }
            }
        }

        private static void pause() throws IOException {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while deleting a temporary project", e);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
