package io.gryt.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of the README compiles as written, against gryt-core and the adapters: a block that
 * declares a class compiles as a file; any other block is its imports, then statements run inside a method.
 */
class ReadmeSnippetsTest {
    static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    static final Pattern JAVA_BLOCK = Pattern.compile("^```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    static final Pattern TYPE = Pattern.compile("^(?:public\\s+)?(?:final\\s+)?(?:class|record|interface)\\s+(\\w+)", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** A README block: its first line number and its text. */
    record Snippet(int line, String text) {
    }

    static List<Snippet> snippets(String markdown) {
        List<Snippet> found = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            int line = (int) markdown.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
            found.add(new Snippet(line, m.group(1)));
        }
        return found;
    }

    /** The compilation unit for a snippet: as written when it declares a type, else imports plus a method body. */
    static String compilationUnit(Snippet snippet, String className) {
        if (TYPE.matcher(snippet.text()).find()) {
            return snippet.text();
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.text().split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "class " + className + " {\n    void snippet() throws Exception {\n" + body + "    }\n}\n";
    }

    /** Compiles the sources against the test class path; returns the errors and warnings, one line each. */
    static List<String> compile(Path dir, List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-classpath", classPath,
                    "-d", Files.createDirectories(dir.resolve("classes")).toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> d.getKind() + " " + d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmeCompilesAsWritten() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README));
        assertThat(snippets).as("java blocks in " + README).hasSizeGreaterThanOrEqualTo(2);
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest("README.md:" + snippet.line(), () -> {
            String className = "ReadmeLine" + snippet.line();
            String unit = compilationUnit(snippet, className);
            Matcher type = TYPE.matcher(unit);
            assertThat(type.find()).isTrue();
            Path source = Files.writeString(Files.createDirectories(dir.resolve("src" + snippet.line()))
                    .resolve(type.group(1) + ".java"), unit);
            assertThat(compile(dir, List.of(source))).as("README.md:%d%n%s", snippet.line(), unit).isEmpty();
        }));
    }

    @Test
    void theReadmeRunsEveryExampleWithOneCommand() throws Exception {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("-Dexec\\.mainClass=(\\S+)").matcher(readme);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).containsExactlyInAnyOrder(
                ReleaseWorkflowExample.class.getName(), EmbeddingExample.class.getName(),
                GoCatalogExample.class.getName(), PythonTestingExample.class.getName());
        for (String main : named) {
            assertThat(Class.forName(main).getMethod("main", String[].class)).isNotNull();
        }
        assertThat(readme).contains("package exec:java -DskipTests -Dgryt.docs.skip=true -Dexec.args=/tmp/my-project");
    }

    @Test
    void aSnippetWithoutItsImportsDoesNotCompile() throws IOException {
        Snippet noImports = new Snippet(1, "Path project = Path.of(\".\");\n");
        Path source = Files.writeString(dir.resolve("NoImports.java"), compilationUnit(noImports, "NoImports"));
        assertThat(compile(dir, List.of(source))).anySatisfy(d -> assertThat(d).startsWith("ERROR").contains("Path"));
    }
}
