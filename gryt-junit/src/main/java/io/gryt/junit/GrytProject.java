package io.gryt.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each test a fresh gryt project in a temporary git repository, to test pipelines, generations and gates from
 * JUnit: a test method (or {@code @BeforeEach} method, or constructor) declares a {@link TestProject} or a
 * {@link io.gryt.core.Gryt} parameter, and gets the same project for the whole test. The project is made like
 * {@code gryt init} makes one (without its sample pipeline) and committed on branch {@code main}; the directory is
 * deleted when the test ends.
 *
 * <pre>{@code
 * @GrytProject
 * class ReleaseTest {
 *     @Test
 *     void theCiPipelinePasses(TestProject project) {
 *         project.writePipeline("ci", "steps: [{name: hello, run: [echo, hello]}]");
 *         project.commit("add the ci pipeline");
 *         assertThat(project.gryt().run(project.gryt().pipeline("ci")).passed()).isTrue();
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(GrytProjectExtension.class)
public @interface GrytProject {
}
