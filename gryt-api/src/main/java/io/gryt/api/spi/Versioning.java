package io.gryt.api.spi;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Version control as gryt needs it: the current commit, cleanliness, annotated tags, what a commit holds of a
 * file, pushing a tag, and who acts.
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

    /**
     * The commit (peeled) each tag of {@code names} points to, by tag name; a name with no tag is absent. Equal to
     * {@link #tag(String)}{@code .commit()} for each name, but an implementation may read them at once and skip the
     * messages (the promotion gates check hundreds of evolution tags).
     */
    default Map<String, String> tagCommits(Collection<String> names) {
        Map<String, String> commits = new LinkedHashMap<>();
        for (String name : names) tag(name).ifPresent(t -> commits.put(name, t.commit()));
        return commits;
    }

    /** The tags whose names start with {@code prefix}, sorted by name. */
    List<Tag> tags(String prefix);

    /**
     * The names of the tags that start with {@code prefix}, sorted: {@link #tags} without reading what each tag
     * points to or says (by default through {@link #tags}).
     */
    default List<String> tagNames(String prefix) {
        return tags(prefix).stream().map(Tag::name).toList();
    }

    /** Deletes a tag (used only to undo a tag whose record could not be written). */
    void deleteTag(String name);

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
    boolean isAncestor(String ancestor, String descendant);

    /**
     * The identity git would record as committer ({@code Name <email>}), if any: resolved as git does, from the
     * environment the versioning was opened with ({@code GIT_COMMITTER_*}, then {@code GIT_AUTHOR_*}), then the
     * repository's, the global ({@code $XDG_CONFIG_HOME/git/config}, {@code $HOME/.gitconfig}) and the system
     * configuration. Tags are made by the same identity.
     */
    Optional<String> user();

    /**
     * What commit {@code commit} holds of the work-tree file {@code file} (absolute, or relative to {@link #root()}).
     *
     * @throws io.gryt.api.BadInputException when {@code file} is outside the work tree or the commit does not exist
     */
    FileInCommit fileInCommit(String commit, Path file);

    /**
     * Pushes tag {@code name} to {@code remote} (a configured remote's name or a URL). Succeeds when the remote
     * has the very same tag afterwards.
     *
     * @throws io.gryt.api.BadInputException when there is no such tag or no such remote
     * @throws io.gryt.api.GrytException      when the push fails or the remote refuses it; the message says why
     */
    void pushTag(String remote, String name);

    /** What a commit holds of a work-tree file. */
    enum FileInCommit {
        /** The commit has the file, with the content it has in the work tree. */
        COMMITTED,
        /** The commit has the file, but the work tree's file differs from it (or is gone). */
        CHANGED,
        /** The commit does not have the file. */
        NOT_COMMITTED,
        /** The commit does not have the file, and a {@code .gitignore} rule ignores it (so {@code git add} skips it). */
        IGNORED
    }

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
