package io.gryt.api.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Version control as gryt needs it: the current commit, cleanliness, and annotated tags.
 * Methods fail with a {@link io.gryt.api.BadInputException} naming the repository when it has no commit
 * or a revision does not exist.
 */
public interface Versioning {
    /** The repository's work tree. */
    Path root();

    /** The full id of the commit HEAD points to. */
    String head();

    /** The full commit id a revision (id, branch, tag) names. */
    String resolve(String revision);

    /** True when the work tree has no uncommitted changes to tracked files and no untracked files (ignoring ignored ones). */
    boolean isClean();

    /** Creates the annotated tag {@code name} on {@code commit}; fails if the tag exists. */
    void createAnnotatedTag(String name, String commit, String message);

    /** The tag called {@code name}. */
    Optional<Tag> tag(String name);

    /** The tags whose names start with {@code prefix}, sorted by name. */
    List<Tag> tags(String prefix);

    /** Deletes a tag (used only to undo a tag whose record could not be written). */
    void deleteTag(String name);

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
    boolean isAncestor(String ancestor, String descendant);

    /** The committer identity configured for the repository ({@code Name <email>}), if any. */
    Optional<String> user();

    /**
     * A tag.
     *
     * @param name      the tag name
     * @param commit    the commit it points to (peeled)
     * @param message   the annotation message, or {@code null} for a lightweight tag
     * @param annotated true for an annotated tag
     */
    record Tag(String name, String commit, String message, boolean annotated) {
    }
}
