package io.gryt.core.format;

import io.gryt.api.BadInputException;
import org.semver4j.Semver;

import java.util.Comparator;

/** Generation versions: {@code v} followed by a SemVer {@code MAJOR.MINOR.PATCH} with no pre-release or build part. */
public final class Versions {
    /** Orders versions by SemVer precedence. */
    public static final Comparator<String> ORDER = Comparator.comparing(Versions::semver);

    private Versions() {
    }

    /** True when {@code version} is a valid generation version. */
    public static boolean isValid(String version) {
        if (version == null || !version.startsWith("v")) return false;
        Semver s = Semver.parse(version.substring(1));
        return s != null && s.getPreRelease().isEmpty() && s.getBuild().isEmpty()
                && s.getVersion().equals(version.substring(1));
    }

    /** Returns {@code version} or fails naming it. */
    public static String require(String version) {
        if (!isValid(version)) {
            throw new BadInputException("'" + version + "' is not a generation version: use vMAJOR.MINOR.PATCH, e.g. v2.2.0");
        }
        return version;
    }

    /** The next patch version: {@code v2.2.0} -> {@code v2.2.1}. */
    public static String nextPatch(String version) {
        return "v" + semver(version).withIncPatch().getVersion();
    }

    /** The prefix of {@code version}'s patch line: {@code v2.2.7} -> {@code v2.2.} (matches {@code v2.2.*}). */
    public static String line(String version) {
        Semver s = semver(version);
        return "v" + s.getMajor() + "." + s.getMinor() + ".";
    }

    private static Semver semver(String version) {
        return new Semver(require(version).substring(1));
    }
}
