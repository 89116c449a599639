package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.core.Gryt;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.release.TagPushException;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code --push [remote]} and {@code --no-push} of the commands that create a release tag ({@code evolution start},
 * {@code generation promote}); a picocli mixin. Without either, the project's {@code release.push} decides. A push
 * that fails is kept and reported after the command's own output, with exit code {@link ExitCodes#NOT_PUSHED}.
 */
final class PushOptions {
    static final String DEFAULT_REMOTE = "origin";

    @Option(names = "--push", arity = "0..1", paramLabel = "<remote>", fallbackValue = "",
            description = "Push the new tag to this git remote (without a remote: release.push, else origin).")
    String push;

    @Option(names = "--no-push", description = "Keep the new tag local, whatever release.push says.")
    boolean noPush;

    private final AtomicReference<TagPushException> failure = new AtomicReference<>();

    /**
     * Tells a release request what was asked: {@code pushTo} the remote for {@code --push}, {@code noPush} for
     * {@code --no-push}; nothing when neither is given (the project's setting then decides). A push failure is kept.
     */
    void configure(Gryt gryt, Consumer<String> pushTo, Runnable noPush, Consumer<Consumer<TagPushException>> onFailure) {
        if (push != null && this.noPush) throw new BadInputException("--push and --no-push cannot be used together");
        if (this.noPush) {
            noPush.run();
        } else if (push != null) {
            pushTo.accept(!push.isBlank() ? push : gryt.config().get(ConfigKey.RELEASE_PUSH).orElse(DEFAULT_REMOTE));
        }
        onFailure.accept(failure::set);
    }

    /** Prints the kept push failure, if any, as one line on {@code err}; returns whether there was one. */
    boolean report(PrintStream err) {
        TagPushException e = failure.get();
        if (e == null) return false;
        err.println("gryt: error: " + e.getMessage().replace('\n', ' '));
        return true;
    }
}
