package io.gryt.core.release;

import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.api.spi.Versioning;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a release request pushes the tag it creates: the remote given to the request, none, or else the project's
 * {@code release.push} setting; and what happens when the push fails (by default the {@link TagPushException} is
 * thrown, after the release is recorded and tagged locally).
 */
final class TagPush {
    private Optional<String> remote; // null: the project's setting
    private Consumer<TagPushException> onFailure = e -> {
        throw e;
    };

    void to(String value) {
        this.remote = Optional.of(Objects.requireNonNull(value, "remote"));
    }

    void none() {
        this.remote = Optional.empty();
    }

    void onFailure(Consumer<TagPushException> action) {
        this.onFailure = Objects.requireNonNull(action, "action");
    }

    /** Pushes {@code tag} when a remote is chosen; a failure goes to the failure action. */
    void push(ReleaseContext ctx, Versioning vcs, String tag) {
        Optional<String> target = remote != null ? remote : ctx.pushRemote();
        if (target.isEmpty()) return;
        try {
            vcs.pushTag(target.get(), tag);
        } catch (RuntimeException e) {
            onFailure.accept(new TagPushException(tag, target.get(), String.valueOf(e.getMessage()), e));
        }
    }
}
