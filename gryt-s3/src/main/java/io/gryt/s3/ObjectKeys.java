package io.gryt.s3;

import java.util.Objects;

/**
 * Where the S3 destination puts each object, under {@code <prefix>/<project>/}:
 *
 * <pre>
 * &lt;prefix&gt;/&lt;project&gt;/runs/&lt;run id&gt;/                      a run outside any evolution
 * &lt;prefix&gt;/&lt;project&gt;/&lt;generation&gt;/evolutions/&lt;rc tag&gt;/   an evolution's run
 *     logs/&lt;step&gt;.log            each step's log (secrets masked, as gryt wrote it)
 *     artifacts/&lt;path&gt;           each artifact, at its recorded path
 *     manifest.json               every object above with its size and SHA-256, written last
 * &lt;prefix&gt;/&lt;project&gt;/&lt;generation&gt;/evidence/              the release evidence bundle, at promotion
 *     generation.yaml             the contract, as promoted
 *     evolutions.json             its evolutions and the changes each proved
 *     gate-report.json            the promotion's gate report, as recorded
 *     artifacts.json              the released artifacts' digests (SHA-256)
 *     artifacts/&lt;path&gt;           each released artifact whose file still has its recorded digest
 *     audit.json                  the audit trail's entries about the generation
 *     manifest.json               every object above with its size and SHA-256, written last
 * &lt;prefix&gt;/&lt;project&gt;/tests/&lt;event id&gt;.json                 {@code gryt destinations test}
 * </pre>
 *
 * Keys depend only on the event (its run, generation, tag or id), so delivering an event again writes the same
 * keys. An empty prefix leaves the keys starting at the project.
 *
 * @param prefix  the prefix (no leading or trailing {@code /}; may be empty)
 * @param project the project's name
 */
public record ObjectKeys(String prefix, String project) {
    public ObjectKeys {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(project, "project");
    }

    /** The folder of a run outside any evolution. */
    public String run(String runId) {
        return join("runs", runId);
    }

    /** The folder of an evolution's run. */
    public String evolution(String generation, String tag) {
        return join(generation, "evolutions", tag);
    }

    /** The folder of a generation's evidence bundle. */
    public String evidence(String generation) {
        return join(generation, "evidence");
    }

    /** The object a test event writes. */
    public String test(String eventId) {
        return join("tests", eventId + ".json");
    }

    /**
     * A path recorded by gryt ({@code dist/app.bin}, a step name) as a relative key: {@code /} separated, without
     * empty or {@code .} segments, {@code ..} written {@code %2E%2E} so that no key climbs out of its folder.
     */
    static String relative(String path) {
        StringBuilder key = new StringBuilder();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (key.length() > 0) key.append('/');
            key.append(segment.equals("..") ? "%2E%2E" : segment);
        }
        return key.toString();
    }

    private String join(String... parts) {
        StringBuilder key = new StringBuilder(prefix);
        if (key.length() > 0) key.append('/');
        key.append(project);
        for (String part : parts) key.append('/').append(part);
        return key.toString();
    }
}
