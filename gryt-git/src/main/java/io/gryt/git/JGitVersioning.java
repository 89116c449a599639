package io.gryt.git;

import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.spi.Versioning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.internal.storage.file.RefDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * {@link Versioning} on one JGit {@link Repository}, opened once. Safe for concurrent use: each call walks
 * with its own {@link RevWalk}, and tags are created with a compare-and-set on the ref, so two processes
 * cannot both create the same tag. {@link #close()} releases the repository's files.
 */
final class JGitVersioning implements Versioning, AutoCloseable {
    static final String FALLBACK_NAME = "gryt";
    static final String FALLBACK_EMAIL = "gryt@localhost";
    /** How long a tag push may wait for the remote to answer. */
    static final int PUSH_TIMEOUT_SECONDS = 60;

    private final Repository repository;
    private final Path root;
    private final Map<String, String> environment;
    /** Where the shared refs ({@code refs/tags}, {@code packed-refs}) are: the repository, or a worktree's main one. */
    private final Path commonDir;
    private final PackedRefs.Reader packedRefs;

    JGitVersioning(Repository repository) {
        this(repository, System.getenv());
    }

    /** Reads who acts ({@link #user()}, the tagger) from {@code environment}. */
    JGitVersioning(Repository repository, Map<String, String> environment) {
        this.repository = repository;
        this.root = repository.getWorkTree().toPath();
        this.environment = Map.copyOf(environment);
        this.commonDir = repository.getCommonDirectory().toPath();
        this.packedRefs = new PackedRefs.Reader(commonDir.resolve(Constants.PACKED_REFS));
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String head() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) throw new BadInputException("git repository " + root + " has no commit yet");
            return head.name();
        } catch (IOException e) {
            throw failure("cannot read HEAD", e);
        }
    }

    @Override
    public String resolve(String revision) {
        return commitId(revision).name();
    }

    private ObjectId commitId(String revision) {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) throw new BadInputException("git repository " + root + " has no revision '" + revision + "'");
            return id;
        } catch (AmbiguousObjectException e) {
            throw new BadInputException("git revision '" + revision + "' is ambiguous in " + root
                    + "; give more characters of the id");
        } catch (IncorrectObjectTypeException e) {
            throw new BadInputException("git revision '" + revision + "' in " + root + " is not a commit");
        } catch (RevisionSyntaxException e) {
            throw new BadInputException("'" + revision + "' is not a valid git revision");
        } catch (IOException e) {
            throw failure("cannot resolve '" + revision + "'", e);
        }
    }

    @Override
    public boolean isClean() {
        try {
            return Git.wrap(repository).status().call().isClean();
        } catch (GitAPIException | JGitInternalException e) {
            throw failure("cannot read the work tree's status", e);
        }
    }

    @Override
    public void createAnnotatedTag(String name, String commit, String message) {
        String refName = Constants.R_TAGS + name;
        if (!Repository.isValidRefName(refName)) throw new BadInputException("'" + name + "' is not a valid git tag name");
        ObjectId target = commitId(commit);
        TagBuilder tag = new TagBuilder();
        tag.setTag(name);
        tag.setObjectId(target, Constants.OBJ_COMMIT);
        tag.setTagger(tagger());
        tag.setMessage(message.endsWith("\n") ? message : message + "\n");
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tagId = inserter.insert(tag);
            inserter.flush();
            RefUpdate update = repository.updateRef(refName);
            update.setNewObjectId(tagId);
            update.setExpectedOldObjectId(ObjectId.zeroId()); // only if the tag does not exist yet
            update.setRefLogMessage("gryt: tag " + name, false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW -> { }
                case LOCK_FAILURE, REJECTED, NO_CHANGE -> throw new BadInputException(
                        "git tag '" + name + "' already exists in " + root);
                default -> throw new GrytException("cannot create git tag '" + name + "' in " + root + ": " + result);
            }
        } catch (IOException e) {
            throw failure("cannot create tag '" + name + "'", e);
        }
    }

    private PersonIdent tagger() {
        GitIdentity user = GitIdentity.resolve(repository.getCommonDirectory(), environment);
        return new PersonIdent(user.name() == null ? FALLBACK_NAME : user.name(),
                user.email() == null ? FALLBACK_EMAIL : user.email());
    }

    @Override
    public Optional<Tag> tag(String name) {
        if (lookupTag(name, packedRefs()) instanceof PackedRefs.Lookup.Absent) return Optional.empty();
        try (RevWalk walk = new RevWalk(repository)) {
            Ref ref = repository.exactRef(Constants.R_TAGS + name);
            return ref == null ? Optional.empty() : Optional.of(tag(walk, name, ref));
        } catch (IOException e) {
            throw failure("cannot read tag '" + name + "'", e);
        }
    }

    /**
     * One walk for all the names; a ref {@code packed-refs} records peeled (git's {@code peeled} trait, which
     * {@code git pack-refs} and {@code git gc} write) is answered without reading any object.
     */
    @Override
    public Map<String, String> tagCommits(Collection<String> names) {
        Map<String, String> commits = new LinkedHashMap<>();
        RefDatabase refs = repository.getRefDatabase();
        PackedRefs packed = packedRefs();
        try (RevWalk walk = new RevWalk(repository)) {
            for (String name : names) {
                if (commits.containsKey(name)) continue;
                PackedRefs.Lookup fast = lookupTag(name, packed);
                if (fast instanceof PackedRefs.Lookup.Absent) continue;
                if (fast instanceof PackedRefs.Lookup.Found f && f.peelKnown()) {
                    commits.put(name, f.peeled() != null ? f.peeled() : f.id());
                    continue;
                }
                Ref ref = refs.exactRef(Constants.R_TAGS + name);
                if (ref == null) continue;
                if (!ref.isPeeled()) ref = refs.peel(ref);
                ObjectId target = ref.isPeeled() && ref.getPeeledObjectId() != null ? ref.getPeeledObjectId()
                        : ref.isPeeled() ? ref.getObjectId() : walk.peel(walk.parseAny(ref.getObjectId())).getId();
                commits.put(name, target.name());
            }
            return commits;
        } catch (IOException e) {
            throw failure("cannot read tags", e);
        }
    }

    /**
     * Tag {@code name} as {@code packed-refs} records it, when the repository keeps its refs in files and has no loose
     * ref of that name (which would take precedence): {@link PackedRefs.Lookup.Unknown} otherwise, for JGit to answer.
     */
    private PackedRefs.Lookup lookupTag(String name, PackedRefs packed) {
        String ref = Constants.R_TAGS + name;
        if (packed == null || !Repository.isValidRefName(ref)) return new PackedRefs.Lookup.Unknown();
        if (Files.exists(commonDir.resolve(ref), LinkOption.NOFOLLOW_LINKS)) return new PackedRefs.Lookup.Unknown();
        return packed.find(ref);
    }

    /** The repository's {@code packed-refs}, ready for lookups; {@code null} when JGit must read the refs. */
    private PackedRefs packedRefs() {
        if (!(repository.getRefDatabase() instanceof RefDirectory)) return null; // e.g. reftable
        try {
            return packedRefs.read();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public List<Tag> tags(String prefix) {
        try (RevWalk walk = new RevWalk(repository)) {
            List<Tag> tags = new ArrayList<>();
            for (Ref ref : tagRefs(prefix)) tags.add(tag(walk, tagName(ref), ref));
            return tags;
        } catch (IOException e) {
            throw failure("cannot list tags", e);
        }
    }

    @Override
    public List<String> tagNames(String prefix) {
        try {
            return tagRefs(prefix).stream().map(JGitVersioning::tagName).toList();
        } catch (IOException e) {
            throw failure("cannot list tags", e);
        }
    }

    /** The refs of the tags whose names start with {@code prefix}, sorted by name; no object is read. */
    private List<Ref> tagRefs(String prefix) throws IOException {
        List<Ref> refs = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + prefix));
        refs.sort(Comparator.comparing(Ref::getName));
        return refs;
    }

    private static String tagName(Ref ref) {
        return ref.getName().substring(Constants.R_TAGS.length());
    }

    private static Tag tag(RevWalk walk, String name, Ref ref) throws IOException {
        RevObject object = walk.parseAny(ref.getObjectId());
        if (object instanceof RevTag annotated) {
            RevObject target = walk.peel(annotated);
            return new Tag(name, target.name(), stripFinalNewlines(annotated.getFullMessage()), true);
        }
        return new Tag(name, object.name(), null, false);
    }

    private static String stripFinalNewlines(String message) {
        int end = message.length();
        while (end > 0 && message.charAt(end - 1) == '\n') end--;
        return message.substring(0, end);
    }

    @Override
    public void deleteTag(String name) {
        try {
            if (repository.exactRef(Constants.R_TAGS + name) == null) return;
            RefUpdate update = repository.updateRef(Constants.R_TAGS + name);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new GrytException("cannot delete git tag '" + name + "' in " + root + ": " + result);
            }
        } catch (IOException e) {
            throw failure("cannot delete tag '" + name + "'", e);
        }
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        ObjectId a = commitId(ancestor);
        ObjectId d = commitId(descendant);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit base = walk.parseCommit(a);
            RevCommit tip = walk.parseCommit(d);
            return walk.isMergedInto(base, tip);
        } catch (MissingObjectException e) {
            throw new BadInputException("git repository " + root + " is missing commit " + e.getObjectId().name());
        } catch (IOException e) {
            throw failure("cannot compare '" + ancestor + "' and '" + descendant + "'", e);
        }
    }

    @Override
    public Optional<String> user() {
        return GitIdentity.resolve(repository.getCommonDirectory(), environment).display();
    }

    @Override
    public FileInCommit fileInCommit(String commit, Path file) {
        String path = repositoryPath(file);
        ObjectId id = commitId(commit);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(id);
            try (TreeWalk tree = TreeWalk.forPath(repository, path, c.getTree())) {
                if (tree != null && tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    Path onDisk = root.resolve(path);
                    if (!Files.isRegularFile(onDisk)) return FileInCommit.CHANGED;
                    ObjectId content = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, Files.readAllBytes(onDisk));
                    return content.equals(tree.getObjectId(0)) ? FileInCommit.COMMITTED : FileInCommit.CHANGED;
                }
            }
            return isIgnored(path) ? FileInCommit.IGNORED : FileInCommit.NOT_COMMITTED;
        } catch (IOException e) {
            throw failure("cannot read " + path + " at " + commit, e);
        }
    }

    /** {@code file} relative to the work tree, with {@code /} separators. */
    private String repositoryPath(Path file) {
        Path absolute = root.resolve(file).toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        if (!absolute.startsWith(base) || absolute.equals(base)) {
            throw new BadInputException(file + " is not a file in the work tree of git repository " + root);
        }
        StringBuilder b = new StringBuilder();
        for (Path part : base.relativize(absolute)) b.append(b.length() == 0 ? "" : "/").append(part);
        return b.toString();
    }

    /** True when a {@code .gitignore} rule ignores {@code path} or one of the directories above it. */
    private boolean isIgnored(String path) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(new FileTreeIterator(repository));
            walk.setFilter(PathFilter.create(path));
            walk.setRecursive(false);
            while (walk.next()) {
                WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
                if (entry != null && entry.isEntryIgnored()) return true;
                if (walk.isSubtree()) walk.enterSubtree();
            }
        }
        return false;
    }

    @Override
    public void pushTag(String remote, String name) {
        String refName = Constants.R_TAGS + name;
        try {
            if (repository.exactRef(refName) == null) throw new BadInputException("git repository " + root + " has no tag " + name);
        } catch (IOException e) {
            throw failure("cannot read tag '" + name + "'", e);
        }
        if (!repository.getRemoteNames().contains(remote) && !remote.contains(":") && !remote.contains("/")) {
            List<String> known = repository.getRemoteNames().stream().sorted().toList();
            throw new BadInputException("git repository " + root + " has no remote '" + remote + "' ("
                    + (known.isEmpty() ? "it has none; add one with: git remote add " + remote + " <url>"
                    : "its remotes: " + String.join(", ", known)) + ")");
        }
        Iterable<PushResult> results;
        try {
            results = Git.wrap(repository).push().setRemote(remote).setRefSpecs(new RefSpec(refName + ":" + refName))
                    .setTimeout(PUSH_TIMEOUT_SECONDS).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new GrytException("cannot push tag " + name + " to " + remote + ": " + e.getMessage(), e);
        }
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> { }
                    case REJECTED_NONFASTFORWARD, REJECTED_NODELETE, REJECTED_REMOTE_CHANGED -> throw new GrytException(
                            remote + " refused tag " + name + ": it already has a different tag of that name");
                    default -> throw new GrytException(remote + " refused tag " + name + ": "
                            + update.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
        }
    }

    /** Releases the repository's open files. */
    @Override
    public void close() {
        repository.close();
    }

    @Override
    public String toString() {
        return "git repository " + root;
    }

    private GrytException failure(String what, Exception cause) {
        return new GrytException("git repository " + root + ": " + what + ": " + cause.getMessage(), cause);
    }
}
