package io.gryt.api.release;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One change a generation promises. Ids are scoped to their generation ({@code PAY-001} may appear in
 * v2.2.0 and again in v2.3.0) and use letters, digits, dashes, dots and underscores only.
 *
 * @param id          the change id, e.g. {@code PAY-001}
 * @param type        fix, refine, add or remove
 * @param title       a one-line title
 * @param description an optional longer text, or {@code null}
 * @param pipeline    the pipeline that proves this change when the generation's is not the right proof for it (an
 *                    e2e suite for an {@code add}), or {@code null} for the generation's
 */
public record Change(String id, ChangeType type, String title, String description, String pipeline) {
    /** What a change id may look like. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Change {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid change id '" + id
                    + "': use letters, digits, '-', '.', '_' (up to 64, starting with a letter or digit)");
        }
    }

    /** A change proven by its generation's pipeline. */
    public Change(String id, ChangeType type, String title, String description) {
        this(id, type, title, description, null);
    }

    /** The pipeline named for this change, if it names one. */
    public Optional<String> ownPipeline() {
        return Optional.ofNullable(pipeline);
    }

    /** This change with its own pipeline (or {@code null} for the generation's). */
    public Change withPipeline(String name) {
        return new Change(id, type, title, description, name);
    }

    /** True when {@code id} may be a change id (see {@link #ID}): the one check of a change id's form. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
