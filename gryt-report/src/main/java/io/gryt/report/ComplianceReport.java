package io.gryt.report;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the record evidences of NIST SP 800-218 (SSDF 1.1) practices and NIST SP 800-161 Rev. 1 controls:
 * each practice is {@link Status#EVIDENCED evidenced}, with pointers to the rows, tags and files that show it
 * and what it does not cover, or a {@link Status#GAP gap}, with the reason. An evidenced practice always has at
 * least one pointer. Made by {@link ComplianceAssessment}; written with {@link #writeTo(ComplianceFormat,
 * OutputStream)}.
 *
 * @param generation the generation the report is restricted to, or {@code null} for every generation
 * @param releases   the generations in scope with a completed promotion (the releases evidence is about)
 * @param unreleased the generations in scope without one
 * @param trail      the audit trail's verification
 * @param practices  every practice assessed, SSDF first, in catalogue order
 */
public record ComplianceReport(String generation, List<String> releases, List<String> unreleased,
                               TrailVerification trail, List<Practice> practices) {
    public ComplianceReport {
        releases = List.copyOf(releases);
        unreleased = List.copyOf(unreleased);
        Objects.requireNonNull(trail, "trail");
        practices = List.copyOf(practices);
    }

    /** The practices with evidence. */
    public List<Practice> evidenced() {
        return practices.stream().filter(p -> p.status() == Status.EVIDENCED).toList();
    }

    /** The practices gryt cannot evidence here. */
    public List<Practice> gaps() {
        return practices.stream().filter(p -> p.status() == Status.GAP).toList();
    }

    /** The practice {@code id} of {@code framework}. */
    public Practice practice(Framework framework, String id) {
        return practices.stream().filter(p -> p.framework() == framework && p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no practice " + id + " of " + framework.title()));
    }

    /** Writes the report to {@code out} in {@code format}; {@code out} stays open. */
    public void writeTo(ComplianceFormat format, OutputStream out) {
        format.write(this, out);
    }

    /** Writes the report to {@code file} atomically (the old content or the whole report, never a part). */
    public void writeTo(ComplianceFormat format, Path file) {
        AtomicFile.write(file, out -> format.write(this, out));
    }

    /** The frameworks a report maps to. */
    public enum Framework {
        /** NIST SP 800-218, Secure Software Development Framework version 1.1: practices. */
        SSDF("NIST SP 800-218", "Secure Software Development Framework (SSDF) 1.1"),
        /** NIST SP 800-161 Rev. 1, Cybersecurity Supply Chain Risk Management: controls of SP 800-53 Rev. 5. */
        SCRM("NIST SP 800-161 Rev. 1", "Cybersecurity Supply Chain Risk Management Practices");

        private final String title;
        private final String subtitle;

        Framework(String title, String subtitle) {
            this.title = title;
            this.subtitle = subtitle;
        }

        /** The publication, e.g. {@code NIST SP 800-218}. */
        public String title() {
            return title;
        }

        /** The publication's name. */
        public String subtitle() {
            return subtitle;
        }
    }

    /** Whether the record evidences a practice. */
    public enum Status {
        /** At least one pointer to the record shows it. */
        EVIDENCED,
        /** gryt cannot evidence it (here, or at all). */
        GAP;

        /** The lower-case name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One practice or control and what the record shows of it.
     *
     * @param framework  where it comes from
     * @param id         its identifier, e.g. {@code PS.2} or {@code CM-3}
     * @param name       its name as the publication gives it
     * @param status     evidenced or gap
     * @param tasks      for SSDF practices, the tasks the evidence speaks to (empty for a gap)
     * @param finding    what the record shows, or why there is a gap
     * @param notCovered what the evidence does not cover, or {@code null}
     * @param pointers   where the evidence is (at least one when evidenced)
     */
    public record Practice(Framework framework, String id, String name, Status status, List<String> tasks,
                           String finding, String notCovered, List<Pointer> pointers) {
        public Practice {
            Objects.requireNonNull(framework, "framework");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(finding, "finding");
            tasks = List.copyOf(tasks);
            pointers = List.copyOf(pointers);
            if (status == Status.EVIDENCED && pointers.isEmpty()) {
                throw new IllegalArgumentException(id + ": no claim without evidence (an evidenced practice needs a pointer)");
            }
        }
    }

    /**
     * Where a piece of evidence is.
     *
     * @param ref    what to look at: {@code promotions row 2}, {@code tag v2.2.0}, {@code .gryt/generations/v2.2.0.yaml}
     * @param detail what it shows there
     */
    public record Pointer(String ref, String detail) {
        public Pointer {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return ref + ": " + detail;
        }
    }
}
