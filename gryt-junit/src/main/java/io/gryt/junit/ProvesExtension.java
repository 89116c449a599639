package io.gryt.junit;

import io.gryt.api.release.TestProof;
import io.gryt.api.release.TestProof.Outcome;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records how each {@link Proves @Proves} test ended as evidence for its changes, in the gryt step running the suite
 * (see {@link Proves} for when it is active). {@code @Proves} registers it; register it on a class with
 * {@code @ExtendWith(ProvesExtension.class)} when only some methods carry {@code @Proves}, so that those of them that
 * did not run are recorded too. A class's proofs are recorded together when the class ends. Evidence is never lost
 * silently: when the named step is not running, the proving tests fail before they run, and a failure to record a
 * class's proofs fails the class.
 */
public final class ProvesExtension implements BeforeAllCallback, AfterAllCallback, BeforeTestExecutionCallback,
        AfterTestExecutionCallback, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProvesExtension.class);
    private static final Pattern INVOCATION = Pattern.compile("-invocation:#(\\d+)]$");
    private static final int MAX_MESSAGE = 300;

    /** Registered by {@link Proves} or {@code @ExtendWith}. */
    public ProvesExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Recorder recorder = Recorder.of(context);
        if (recorder.target().isEmpty()) return;
        recorder.requireRunningStep();
        Class<?> testClass = context.getRequiredTestClass();
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (Method m : ReflectionSupport.findMethods(testClass, ProvesExtension::isTest, HierarchyTraversalMode.TOP_DOWN)) {
            Set<String> changes = changes(testClass, m);
            if (!changes.isEmpty()) expected.put(name(testClass, m), changes);
        }
        context.getStore(NAMESPACE).put(ClassProofs.class, new ClassProofs(expected));
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Recorder.of(context).requireRunningStep();
        context.getStore(NAMESPACE).put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Started started = context.getStore(NAMESPACE).get(Started.class, Started.class);
        if (started != null) {
            context.getStore(NAMESPACE).put(Took.class, new Took(Duration.ofNanos(System.nanoTime() - started.nanos())));
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        ended(context, Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ended(context, Outcome.FAILED, message(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        ended(context, Outcome.SKIPPED, "aborted: " + message(cause));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        ended(context, Outcome.SKIPPED, reason.filter(r -> !r.isBlank()).orElse("disabled"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassProofs proofs = context.getStore(NAMESPACE).get(ClassProofs.class, ClassProofs.class);
        if (proofs == null) return;
        String why = context.getExecutionException().map(e -> "did not run: " + message(e)).orElse("did not run");
        List<TestProof> all = new ArrayList<>(proofs.results);
        proofs.expected.forEach((test, changes) -> {
            if (proofs.ran.contains(test)) return;
            changes.forEach(change -> all.add(new TestProof(change, test, Outcome.NOT_RUN, Duration.ZERO, why)));
        });
        Recorder.of(context).record(all);
    }

    private void ended(ExtensionContext context, Outcome outcome, String message) {
        Recorder recorder = Recorder.of(context);
        if (recorder.target().isEmpty()) return;
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        String test = name(testClass, method);
        Matcher invocation = INVOCATION.matcher(context.getUniqueId());
        String shown = invocation.find() ? test + "[" + invocation.group(1) + "]" : test;
        Took took = context.getStore(NAMESPACE).get(Took.class, Took.class);
        Duration time = took == null ? Duration.ZERO : took.duration();
        List<TestProof> proofs = changes(testClass, method).stream()
                .map(change -> new TestProof(change, shown, outcome, time, message)).toList();
        ClassProofs classProofs = context.getStore(NAMESPACE).get(ClassProofs.class, ClassProofs.class);
        if (classProofs == null) {
            recorder.record(proofs);
        } else {
            classProofs.add(test, proofs);
        }
    }

    private static boolean isTest(Method m) {
        return AnnotationSupport.isAnnotated(m, Testable.class) && !Modifier.isStatic(m.getModifiers())
                && !Modifier.isPrivate(m.getModifiers());
    }

    /** {@code com.acme.PaymentTest.refunds()}; a nested class shows as {@code Outer$Inner}. */
    private static String name(Class<?> testClass, Method method) {
        return testClass.getName() + "." + method.getName() + "()";
    }

    /** The changes {@code method} proves: its own {@code @Proves}, its class's and those of the classes enclosing it. */
    static Set<String> changes(Class<?> testClass, Method method) {
        Set<String> changes = new LinkedHashSet<>();
        AnnotationSupport.findAnnotation(method, Proves.class).ifPresent(p -> add(changes, p));
        for (Class<?> c = testClass; c != null; c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
            AnnotationSupport.findAnnotation(c, Proves.class).ifPresent(p -> add(changes, p));
        }
        return changes;
    }

    private static void add(Set<String> changes, Proves proves) {
        for (String id : proves.value()) {
            if (!id.isBlank()) changes.add(id.strip());
        }
    }

    /** {@code e}'s message on one line (its class when it has none), shortened. */
    private static String message(Throwable e) {
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e.getMessage().replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** What one test class proved so far, recorded when it ends. */
    private static final class ClassProofs {
        private final Map<String, Set<String>> expected;
        private final Set<String> ran = new LinkedHashSet<>();
        private final List<TestProof> results = new ArrayList<>();

        ClassProofs(Map<String, Set<String>> expected) {
            this.expected = expected;
        }

        synchronized void add(String test, List<TestProof> proofs) {
            ran.add(test);
            results.addAll(proofs);
        }
    }

    private record Started(long nanos) {
    }

    private record Took(Duration duration) {
    }
}
