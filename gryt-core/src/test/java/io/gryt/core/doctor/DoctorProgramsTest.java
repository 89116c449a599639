package io.gryt.core.doctor;

import org.junit.jupiter.api.Test;

import static io.gryt.api.Step.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Which programs {@code gryt doctor} looks up for a step. */
class DoctorProgramsTest {
    @Test
    void aCommandStartsItsFirstWord() {
        assertThat(Doctor.programs(step("t").run("go", "test", "./..."))).containsExactly("go");
    }

    @Test
    void aScriptStartsTheFirstWordOfEachOfItsCommandsButNotShellBuiltins() {
        assertThat(Doctor.programs(step("lint").sh(
                "test -z \"$(gofmt -l .)\" || { echo 'gofmt would change:'; gofmt -l .; exit 1; }; go vet ./...")))
                .containsExactly("gofmt", "go");
        assertThat(Doctor.programs(step("s").sh("CI=1 make check && echo done | tee out.txt"))).containsExactly("make", "tee");
        assertThat(Doctor.programs(step("s").sh("test -s README.md && echo README present"))).isEmpty();
        assertThat(Doctor.programs(step("s").sh("./gradlew build"))).containsExactly("./gradlew");
    }
}
