package io.gryt.core.release;

import io.gryt.api.audit.AuditEntry;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.AuditStore;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier;
import io.gryt.core.audit.AuditVerifier.AuditVerification;
import io.gryt.testing.AuditTamperer;
import io.gryt.testing.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Release tags anchor the audit trail in git, so that rewriting the whole database is still caught. */
class AuditAnchorTest {
    private static final Pattern ANCHOR = Pattern.compile("(?m)^audit-head: (\\d+) ([0-9a-f]{64})$");

    @TempDir
    Path dir;

    @Test
    void theReleaseTagAnchorsTheTrailAsItWasWhenThePromotionWasRecorded() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            release(gryt);
            AuditStore audit = gryt.store().audit();

            Matcher anchor = anchorOf(project);
            AuditEntry anchored = audit.entry(Long.parseLong(anchor.group(1))).orElseThrow();
            assertThat(anchored.hash()).isEqualTo(anchor.group(2));
            assertThat(anchored.event()).isEqualTo("promotion.recorded");
            assertThat(anchored.actor()).as("the git user").isEqualTo(TempGitRepo.USER_NAME + " <" + TempGitRepo.USER_EMAIL + ">");

            AuditVerification verification = AuditVerifier.verify(gryt.store(), gryt.versioning());
            assertThat(verification.report().problems()).isEmpty();
            assertThat(verification.anchorsChecked()).isEqualTo(1);
            assertThat(verification.report().entries()).isEqualTo(audit.head().orElseThrow().seq());
        }
    }

    @Test
    void aDatabaseRewrittenConsistentlyIsCaughtByTheAnchor() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            release(gryt);
        }
        long anchored = Long.parseLong(anchorOf(project).group(1));
        Path db = project.dir().resolve(".gryt/gryt.db");
        AuditTamperer.execute(db, "UPDATE step_runs SET status = 'fail'", """
                UPDATE audit_log SET payload = replace(payload, '"status":"pass"', '"status":"fail"')
                 WHERE event = 'step.finished'""");
        AuditTamperer.rehash(db);

        try (Gryt gryt = project.open()) {
            assertThat(gryt.store().audit().verify().problems()).as("the chain alone").isEmpty();

            AuditVerification verification = AuditVerifier.verify(gryt.store(), gryt.versioning());

            assertThat(verification.intact()).isFalse();
            assertThat(verification.report().problems()).singleElement().satisfies(p -> {
                assertThat(p.seq()).isEqualTo(anchored);
                assertThat(p.where()).isEqualTo("tag v2.2.0");
                assertThat(p.message()).startsWith("it anchors audit entry " + anchored + " with hash ")
                        .endsWith("the trail was rewritten after v2.2.0 was tagged");
            });
        }
    }

    @Test
    void anEvolutionTagDeletedOrMovedByHandIsReported() throws Exception {
        ReleaseProject project = new ReleaseProject(dir);
        String tested;
        try (Gryt gryt = project.open()) {
            gryt.evolve("v2.2.0").proving("PAY-001").start();
            gryt.evolve("v2.2.0").proving("PAY-002").start();
            tested = project.git.head();
            AuditVerification before = AuditVerifier.verify(gryt.store(), gryt.versioning());
            assertThat(before.report().problems()).isEmpty();
            assertThat(before.evolutionTagsChecked()).isEqualTo(2);
        }
        project.git.write("later.txt", "later");
        String later = project.git.commit("later");
        project.git.git("tag", "-d", "v2.2.0-rc.1");
        project.git.git("tag", "-f", "-a", "-m", "moved", "v2.2.0-rc.2", later);

        try (Gryt gryt = project.open()) {
            AuditVerification after = AuditVerifier.verify(gryt.store(), gryt.versioning());
            assertThat(after.intact()).isFalse();
            assertThat(after.report().problems()).extracting(p -> p.where() + ": " + p.message()).containsExactly(
                    "tag v2.2.0-rc.1: evolution v2.2.0-rc.1 is recorded as tagged on " + tested.substring(0, 12)
                            + ", but the repository has no tag v2.2.0-rc.1 (deleted by hand?)",
                    "tag v2.2.0-rc.2: evolution v2.2.0-rc.2 is recorded as tagged on " + tested.substring(0, 12)
                            + ", but the tag points at " + later.substring(0, 12) + " (moved by hand?)");
        }
    }

    @Test
    void anchorsStillVerifyAfterARollbackAndItsUndo() {
        ReleaseProject project = new ReleaseProject(dir);
        try (Gryt gryt = project.open()) {
            AuditStore audit = gryt.store().audit();
            gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
            audit.snapshot("before-promotion");
            assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);

            Snapshot safety = audit.rollback("before-promotion");
            AuditVerification afterRollback = AuditVerifier.verify(gryt.store(), gryt.versioning());
            assertThat(afterRollback.report().problems()).isEmpty();
            assertThat(afterRollback.anchorsChecked()).isEqualTo(1);

            audit.rollback(safety.name());
            assertThat(AuditVerifier.verify(gryt.store(), gryt.versioning()).report().problems()).isEmpty();
        }
    }

    private static void release(Gryt gryt) {
        gryt.evolve("v2.2.0").proving("PAY-001", "PAY-002", "PAY-003").start();
        assertThat(gryt.promote("v2.2.0").status()).isEqualTo(PromotionStatus.COMPLETED);
    }

    private static Matcher anchorOf(ReleaseProject project) {
        String message = project.git.git("tag", "-l", "--format=%(contents)", "v2.2.0");
        Matcher anchor = ANCHOR.matcher(message);
        assertThat(anchor.find()).as(message).isTrue();
        return anchor;
    }
}
