package io.gryt.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The changes a test class or method proves: {@code @Proves("PAY-001")}. When the suite runs inside a gryt step (an
 * evolution's {@code GRYT_RUN_ID}, {@code GRYT_STEP} and {@code GRYT_PROJECT_DIR}) or is configured to (the JUnit
 * configuration parameters {@code gryt.run.id}, {@code gryt.step}, {@code gryt.project.dir}), how each such test ended
 * is recorded in that step as evidence for its changes. A change whose proving tests failed, were skipped or did not
 * run is not proven: the {@code proving-tests-passed} gate blocks its promotion and names the tests. Outside gryt the
 * annotation does nothing.
 *
 * <p>On a class, every test of the class proves the changes, and a test of the class that did not run at all (not
 * selected, or its class failed to start) is recorded as {@code not run}. On a method alone, the method's results
 * are recorded; register {@link ProvesExtension} on the class to have its not-run tests recorded too.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ProvesExtension.class)
public @interface Proves {
    /** The ids of the changes, as the generation file declares them. */
    String[] value();
}
