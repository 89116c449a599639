package io.gryt.junit;

import io.gryt.core.Gryt;
import io.gryt.testing.TempProjectExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link TestProject} of the current test, or its {@link Gryt}; registered by {@link GrytProject}. The
 * temporary directory is the one gryt's own tests use ({@link TempProjectExtension}), deleted when the test ends,
 * after the project's {@code Gryt} is closed.
 */
public final class GrytProjectExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GrytProjectExtension.class);

    /** Registered by {@link GrytProject} or {@code @ExtendWith}. */
    public GrytProjectExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestProject.class || type == Gryt.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestProject project = project(context);
        return parameter.getParameter().getType() == Gryt.class ? project.gryt() : project;
    }

    /** The project of {@code context}'s test; the store closes it (its Gryt) before the directory made first is deleted. */
    private static TestProject project(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        TestProject existing = store.get(TestProject.class, TestProject.class);
        if (existing != null) return existing;
        TestProject made = TestProject.create(TempProjectExtension.project(context));
        store.put(TestProject.class, made);
        return made;
    }
}
