package io.gryt.report;

import io.gryt.report.ComplianceReport.Framework;
import io.gryt.report.ComplianceReport.Pointer;
import io.gryt.report.ComplianceReport.Practice;
import io.gryt.report.ComplianceReport.Status;
import io.gryt.report.ReleaseEvidence.ArtifactRow;
import io.gryt.report.ReleaseEvidence.PromotionFact;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.gryt.report.ComplianceReport.Framework.SCRM;
import static io.gryt.report.ComplianceReport.Framework.SSDF;

/**
 * The practices a compliance report assesses and what evidences each. Practices about a release are evidenced
 * only by generations with a completed promotion, and only when every such generation in scope has the
 * evidence; practices about the record itself are evidenced by an intact, verified audit trail. Everything else
 * is a gap, with the reason. Ids and names are those of NIST SP 800-218 (SSDF 1.1, all its practices) and of
 * the SP 800-53 Rev. 5 controls that NIST SP 800-161 Rev. 1 applies to the supply chain (those gryt's record
 * bears on).
 */
final class PracticeCatalog {
    private final List<ReleaseEvidence> releases;
    private final List<ReleaseEvidence> unreleased;
    private final TrailVerification trail;

    PracticeCatalog(List<ReleaseEvidence> scope, TrailVerification trail) {
        this.releases = scope.stream().filter(e -> e.release().isPresent()).toList();
        this.unreleased = scope.stream().filter(e -> e.release().isEmpty()).toList();
        this.trail = trail;
    }

    List<Practice> assess() {
        List<Practice> p = new ArrayList<>();
        p.add(gap(SSDF, "PO.1", "Define Security Requirements for Software Development",
                "gryt records the changes a release promises (its contract), not security requirements for the"
                        + " software or its development infrastructure."));
        p.add(gap(SSDF, "PO.2", "Implement Roles and Responsibilities",
                "gryt records no roles, training or responsibilities; actors are names, not roles."));
        p.add(fromTrail(SSDF, "PO.3", "Implement Supporting Toolchains", List.of("PO.3.3"),
                "gryt's toolchain generates artifacts of the development practices it supports: every run, step"
                        + " result, evolution and promotion is an entry of a hash-chained audit trail.",
                "PO.3.1 and PO.3.2: which tools a toolchain must include and how they are deployed and kept secure;"
                        + " the versions of the tools a pipeline runs are not recorded."));
        p.add(gap(SSDF, "PO.4", "Define and Use Criteria for Software Security Checks",
                "promotion gates check release criteria (changes proven, no failed evolutions, tested commit) and"
                        + " their results are recorded, but gryt defines no security check criteria; a user gate or"
                        + " pipeline step could, and gryt cannot tell that it does."));
        p.add(gap(SSDF, "PO.5", "Implement and Maintain Secure Environments for Software Development",
                "gryt runs steps on the local machine and records nothing about how its environments are separated,"
                        + " protected or hardened."));
        p.add(fromReleases(SSDF, "PS.1", "Protect All Forms of Code from Unauthorized Access and Tampering",
                List.of("PS.1.1"),
                "the released commit is pinned by an annotated tag, and the release contract is frozen by its"
                        + " SHA-256 at promotion: a later edit of either is detectable.",
                "access to the repository, the contract files and the database follows the file system and the git"
                        + " host, not least privilege enforced by gryt; tags are not signed and can be deleted and"
                        + " re-created by whoever may push them.",
                e -> need(e, this::tag, this::contractFile)));
        p.add(fromReleases(SSDF, "PS.2", "Provide a Mechanism for Verifying Software Release Integrity",
                List.of("PS.2.1"),
                "each released artifact's SHA-256 is recorded by the evolution that built it and listed in the"
                        + " promotion record and the release tag, so released bytes can be checked against tested bytes.",
                "the digests are not signed (see CM-14) and gryt does not publish them to acquirers.",
                e -> need(e, this::promotion, this::artifacts, this::tag)));
        p.add(fromReleases(SSDF, "PS.3", "Archive and Protect Each Software Release", List.of("PS.3.1"),
                "each release keeps its integrity and provenance data: the frozen contract and its hash, the"
                        + " tagged commit, the evolutions that proved every change, the gate report and the artifacts'"
                        + " digests.",
                "gryt keeps the digests, not the release files; PS.3.2 (provenance of every component, e.g. an SBOM)"
                        + " is not covered.",
                e -> need(e, this::generationRow, this::contractFile, this::tag, this::promotion, this::evolutions,
                        this::artifactsIfAny)));
        p.add(gap(SSDF, "PW.1", "Design Software to Meet Security Requirements and Mitigate Security Risks",
                "gryt records no risk modelling or design decisions."));
        p.add(gap(SSDF, "PW.2", "Review the Software Design to Verify Compliance with Security Requirements and"
                        + " Risk Information", "gryt records no design reviews."));
        p.add(gap(SSDF, "PW.4", "Reuse Existing, Well-Secured Software When Feasible Instead of Duplicating"
                        + " Functionality", "gryt does not inventory or assess the third-party software a build uses."));
        p.add(gap(SSDF, "PW.5", "Create Source Code by Adhering to Secure Coding Practices",
                "gryt records no coding practices."));
        p.add(gap(SSDF, "PW.6", "Configure the Compilation, Interpreter, and Build Processes to Improve Executable"
                        + " Security", "gryt records the build steps' outcomes, not the compiler or build settings."));
        p.add(gap(SSDF, "PW.7", "Review and/or Analyze Human-Readable Code to Identify Vulnerabilities and Verify"
                        + " Compliance with Security Requirements",
                "gryt records no code review; a pipeline step may run an analyser, but gryt does not know what a"
                        + " step does."));
        p.add(fromReleases(SSDF, "PW.8", "Test Executable Code to Identify Vulnerabilities and Verify Compliance with"
                        + " Security Requirements", List.of("PW.8.2"),
                "every evolution is a recorded run of the release pipeline with each step's status, attempts, exit"
                        + " code and duration, failures included; a release is promoted only once every change's latest"
                        + " evolution passed.",
                "what the steps test is up to the pipeline: gryt cannot tell whether they look for vulnerabilities,"
                        + " and it does not triage the issues they find.",
                e -> need(e, this::evolutions, this::steps, this::allPromotions)));
        p.add(gap(SSDF, "PW.9", "Configure Software to Have Secure Settings by Default",
                "gryt records nothing about the released software's settings."));
        p.add(gap(SSDF, "RV.1", "Identify and Confirm Vulnerabilities on an Ongoing Basis",
                "gryt does not monitor released software for vulnerabilities."));
        p.add(gap(SSDF, "RV.2", "Assess, Prioritize, and Remediate Vulnerabilities",
                "hot-fix generations record that a fix was released and proven, but gryt records no vulnerability,"
                        + " its assessment or its priority."));
        p.add(gap(SSDF, "RV.3", "Analyze Vulnerabilities to Identify Their Root Causes",
                "gryt records no root cause analysis."));

        p.add(fromReleases(SCRM, "CM-3", "Configuration Change Control", List.of(),
                "every change is declared in a versioned contract before it is proven; promotion evaluates and"
                        + " records every gate, blocked attempts included, and freezes the contract by its hash.",
                "no approver is recorded: gates stand in for a change control board, and actors are self-declared"
                        + " names.",
                e -> need(e, this::contractFile, this::generationRow, this::allPromotions)));
        p.add(fromReleases(SCRM, "SA-11", "Developer Testing and Evaluation", List.of(),
                "the release pipeline's runs (evolutions) and each step's result are recorded, and promotion requires"
                        + " every change's latest evolution to have passed.",
                "no test plan or coverage is recorded, and gryt cannot tell whether a step is a security test.",
                e -> need(e, this::evolutions, this::steps, this::allPromotions)));
        p.add(fromReleases(SCRM, "SR-4", "Provenance", List.of(),
                "each release traces back from its tag to the commit it was built from, the evolutions and runs that"
                        + " proved each change, the artifacts' digests, and the audit entries that recorded them.",
                "the provenance of third-party components and of the build environment is not recorded.",
                e -> need(e, this::tag, this::evolutions, this::artifactsIfAny, this::promotion)));
        p.add(fromTrail(SCRM, "AU-9", "Protection of Audit Information", List.of(),
                "the audit trail is append-only (the database refuses updates and deletions of entries) and"
                        + " hash-chained; verification recomputed the chain, checked every record against it, and"
                        + " checked the audit heads anchored in release tags.",
                "the chain is tamper-evident, not tamper-proof: it is not keyed, so whoever can write the database"
                        + " file can rebuild it; only anchors kept outside it (release tags pushed to a remote) bound"
                        + " that. Access to the file is not controlled by gryt."));
        p.add(gap(SCRM, "AU-10", "Non-repudiation",
                "not provided: the actor of each entry is the self-declared git user (or OS user) and neither"
                        + " entries nor tags are signed, so an actor can deny an action."));
        p.add(gap(SCRM, "CM-14", "Signed Components", "gryt neither signs nor verifies signatures of tags or"
                + " artifacts."));
        p.add(gap(SCRM, "SR-11", "Component Authenticity",
                "gryt does not check the authenticity of the third-party components a build uses."));
        p.add(gap(SCRM, "RA-5", "Vulnerability Monitoring and Scanning",
                "gryt does not scan for vulnerabilities; a pipeline step may, but gryt cannot tell."));
        return p;
    }

    private static Practice gap(Framework f, String id, String name, String why) {
        return new Practice(f, id, name, Status.GAP, List.of(), why, null, List.of());
    }

    /** Evidenced by an intact trail with entries. */
    private Practice fromTrail(Framework f, String id, String name, List<String> tasks, String finding,
                               String notCovered) {
        if (!trail.intact()) {
            return gap(f, id, name, "the audit trail is " + trail.summary()
                    + (trail.status() == TrailVerification.Status.BROKEN ? " (see gryt audit verify)" : ""));
        }
        if (trail.entries() == 0) return gap(f, id, name, "the audit trail has no entries yet.");
        List<Pointer> pointers = new ArrayList<>();
        pointers.add(new Pointer("audit_log seq 1.." + trail.entries(),
                "verified intact: " + trail.entries() + " entries, head " + trail.head()));
        for (ReleaseEvidence e : releases) {
            if (e.tag() != null && e.tag().auditHead() != null) {
                pointers.add(new Pointer("tag " + e.tag().name(), "anchors audit head " + e.tag().auditHead()));
            }
        }
        return new Practice(f, id, name, Status.EVIDENCED, tasks, finding, notCovered, pointers);
    }

    /** Evidenced when every release in scope gives the pointers {@code evidence} asks for. */
    private Practice fromReleases(Framework f, String id, String name, List<String> tasks, String finding,
                                  String notCovered, Function<ReleaseEvidence, Found> evidence) {
        if (releases.isEmpty()) return gap(f, id, name, noRelease());
        List<Pointer> pointers = new ArrayList<>();
        for (ReleaseEvidence e : releases) {
            Found found = evidence.apply(e);
            if (found.missing() != null) return gap(f, id, name, e.version() + ": " + found.missing());
            pointers.addAll(found.pointers());
        }
        return new Practice(f, id, name, Status.EVIDENCED, tasks, finding, notCovered, pointers);
    }

    private String noRelease() {
        if (unreleased.isEmpty()) return "no generation is recorded: there is no release to evidence.";
        return unreleased.stream().map(e -> e.version() + " has no completed promotion" + promotionsSeen(e))
                .collect(Collectors.joining("; ")) + ": there is no release to evidence.";
    }

    private static String promotionsSeen(ReleaseEvidence e) {
        if (e.promotions().isEmpty()) return " (never promoted)";
        return " (promotions " + e.promotions().stream().map(p -> "row " + p.id() + " " + p.status())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Pointers found, or what is missing. */
    private record Found(List<Pointer> pointers, String missing) {
        static Found of(Pointer... pointers) {
            return new Found(List.of(pointers), null);
        }

        static Found missing(String why) {
            return new Found(List.of(), why);
        }
    }

    @SafeVarargs
    private static Found need(ReleaseEvidence e, Function<ReleaseEvidence, Found>... parts) {
        List<Pointer> all = new ArrayList<>();
        for (Function<ReleaseEvidence, Found> part : parts) {
            Found f = part.apply(e);
            if (f.missing() != null) return f;
            all.addAll(f.pointers());
        }
        return new Found(all, null);
    }

    private Found promotion(ReleaseEvidence e) {
        PromotionFact p = e.release().orElseThrow();
        return Found.of(new Pointer("promotions row " + p.id(), "completed " + Formats.display(p.at()) + " on commit "
                + Formats.abbrev(p.commit()) + ": " + p.passedGates().size() + " of " + p.gates() + " gates passed ("
                + String.join(", ", p.passedGates()) + ")"));
    }

    private Found allPromotions(ReleaseEvidence e) {
        List<Pointer> pointers = new ArrayList<>();
        for (PromotionFact p : e.promotions()) {
            if ("completed".equals(p.status())) {
                pointers.addAll(promotion(e).pointers());
            } else {
                pointers.add(new Pointer("promotions row " + p.id(), p.status() + " " + Formats.display(p.at())
                        + (p.failedGates().isEmpty() ? "" : ": gates " + String.join(", ", p.failedGates()) + " failed")));
            }
        }
        return new Found(pointers, null);
    }

    private Found generationRow(ReleaseEvidence e) {
        ExportSink.GenerationRow g = e.generation();
        if (g.contractHash() == null) return Found.missing("its contract hash was not recorded at promotion.");
        return Found.of(new Pointer("generations row " + g.id(), g.version() + " " + g.status() + " "
                + Formats.display(g.promotedAt()) + ", " + e.changes() + (e.changes() == 1 ? " change" : " changes")
                + ", contract sha256 " + g.contractHash()));
    }

    private Found contractFile(ReleaseEvidence e) {
        ReleaseEvidence.FileFact file = e.file();
        String frozen = e.generation().contractHash();
        if (file == null) return Found.missing("no contract file is recorded.");
        if (!file.exists()) return Found.missing("its contract file " + file.path() + " is missing.");
        if (frozen == null || !frozen.equals(file.contractHash())) {
            return Found.missing(file.path() + " no longer matches the contract frozen at promotion ("
                    + Formats.abbrev(frozen) + ").");
        }
        return Found.of(new Pointer(file.path(), "sha256 " + file.sha256() + "; its contract hash matches the one"
                + " frozen at promotion (" + Formats.abbrev(frozen) + ")"));
    }

    private Found tag(ReleaseEvidence e) {
        ReleaseEvidence.TagFact tag = e.tag();
        String promoted = e.release().map(PromotionFact::commit).orElse(null);
        if (tag == null) return Found.missing("the release tag " + e.version() + " is not in the repository.");
        if (!tag.annotated()) return Found.missing("tag " + tag.name() + " is not annotated.");
        if (promoted != null && !promoted.equals(tag.commit())) {
            return Found.missing("tag " + tag.name() + " is on commit " + Formats.abbrev(tag.commit())
                    + ", not on the promoted commit " + Formats.abbrev(promoted) + ".");
        }
        return Found.of(new Pointer("tag " + tag.name(), "annotated, on the promoted commit " + tag.commit()
                + (tag.namesContractHash() ? "; its message names the contract sha256" : "")
                + (tag.auditHead() == null ? "" : "; audit-head " + tag.auditHead())));
    }

    private Found evolutions(ReleaseEvidence e) {
        ReleaseEvidence.EvolutionFacts ev = e.evolutions();
        if (ev.total() == 0) return Found.missing("no evolution is recorded.");
        String range = e.version() + "-rc." + ev.firstRc() + (ev.lastRc() == ev.firstRc() ? "" : "..rc." + ev.lastRc());
        return Found.of(new Pointer("evolutions " + range, ev.total() + (ev.total() == 1 ? " evolution: " : " evolutions: ")
                + ev.summary()));
    }

    private Found steps(ReleaseEvidence e) {
        ReleaseEvidence.StepFacts s = e.steps();
        if (s.total() == 0) return Found.missing("its evolutions recorded no step result.");
        return Found.of(new Pointer("step_runs of " + e.version() + "'s " + s.runs() + (s.runs() == 1 ? " run" : " runs"),
                s.total() + " step results: " + s.summary()));
    }

    private Found artifacts(ReleaseEvidence e) {
        if (e.artifacts().isEmpty()) {
            return Found.missing("promotions row " + e.release().orElseThrow().id()
                    + " lists no recorded artifact: there are no digests to verify a release against.");
        }
        return artifactsIfAny(e);
    }

    private Found artifactsIfAny(ReleaseEvidence e) {
        List<Pointer> pointers = new ArrayList<>();
        for (ArtifactRow a : e.artifacts()) {
            pointers.add(new Pointer("data_rows row " + a.id(), "artifact " + a.path() + " sha256 " + a.sha256()
                    + ", recorded by " + a.evolution()));
        }
        return new Found(pointers, null);
    }

    /** The versions of the generations in scope with and without a release. */
    List<String> releases() {
        return releases.stream().map(ReleaseEvidence::version).toList();
    }

    List<String> unreleased() {
        return unreleased.stream().map(ReleaseEvidence::version).toList();
    }
}
