package io.gryt.core.internal.yaml;

import io.gryt.api.release.Change;
import io.gryt.api.release.Generation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a generation's contract, over the canonical form documented on
 * {@link GenerationFiles#contractHash}, which does not depend on how the file is written.
 */
final class ContractHash {
    /** The first line of the canonical form; a different form would get a new number. */
    static final String FORMAT = "gryt-generation-contract 1";

    private ContractHash() {
    }

    /** The lower-case hex SHA-256 of {@link #canonicalForm}. */
    static String of(Generation generation) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonicalForm(generation).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The canonical form: what the hash is taken over. */
    static String canonicalForm(Generation g) {
        StringBuilder b = new StringBuilder(FORMAT).append('\n');
        field(b, "version", g.version());
        field(b, "description", g.description());
        field(b, "hotfix_of", g.hotfixOf());
        field(b, "pipeline_template", g.pipelineTemplate());
        b.append("changes ").append(g.changes().size()).append('\n');
        for (Change c : g.changes()) {
            field(b, "type", c.type().label());
            field(b, "id", c.id());
            field(b, "title", c.title());
            field(b, "description", c.description());
            if (c.pipeline() != null) field(b, "pipeline", c.pipeline()); // absent: the form of contracts before it
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        String v = value == null ? "" : value;
        b.append(name).append(' ').append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v).append('\n');
    }
}
