package io.gryt.core.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aDeniedTemporaryFileReadsAsPermissionDeniedNotAsItsPath() {
        assertThat(FileErrors.describe(new AccessDeniedException("/p/.gryt/config.yaml.123.tmp")))
                .isEqualTo("permission denied");
    }

    @Test
    void theSystemsReasonIsKeptWithoutTheExceptionsClassName() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> Files.createDirectories(file.resolve("sub")));
        assertThat(FileErrors.describe(e)).doesNotContain("Exception").isNotBlank();

        IOException readingADirectory = catchThrowableOfType(IOException.class, () -> Files.readString(dir));
        assertThat(FileErrors.describe(readingADirectory)).isEqualTo("is a directory");
    }
}
