package io.gryt.git;

import io.gryt.api.spi.Versioning;
import java.nio.file.Path;

/** Test main: {@code <projectDir> <tag>} creates an annotated tag on HEAD and prints the user it found. */
public final class TagInChildJvm {
    private TagInChildJvm() {
    }

    public static void main(String[] args) {
        Versioning git = new JGitVersioningProvider().open(Path.of(args[0])).orElseThrow();
        System.out.println("user: " + git.user().orElse("(none)"));
        git.createAnnotatedTag(args[1], git.head(), "made in a child JVM");
        System.out.println("tagged " + args[1]);
    }
}
