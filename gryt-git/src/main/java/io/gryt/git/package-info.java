/**
 * gryt's {@link io.gryt.api.spi.Versioning} on JGit: HEAD, revisions, work-tree cleanliness and annotated tags.
 * Found through {@link io.gryt.git.JGitVersioningProvider} with {@link java.util.ServiceLoader}.
 */
package io.gryt.git;
