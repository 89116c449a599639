package io.gryt.core.template;

import io.gryt.api.GrytException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The few git commands a new project needs, run with the {@code git} program (gryt-core does not depend on JGit). */
final class Git {
    private Git() {
    }

    /**
     * Makes {@code dir} a git repository with a first commit of everything in it, unless it is already inside one.
     * Returns true when it did; false when {@code dir} is inside a repository (its files are left to commit).
     *
     * @throws GrytException when git is missing or fails (its message says why)
     */
    static boolean initWithFirstCommit(Path dir, String message) {
        if (run(dir, false, "git", "rev-parse", "--is-inside-work-tree").strip().equals("true")) return false;
        run(dir, true, "git", "init", "-q");
        run(dir, true, "git", "add", "-A");
        run(dir, true, "git", "commit", "-q", "-m", message);
        return true;
    }

    private static String run(Path dir, boolean mustSucceed, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0 && mustSucceed) {
                throw new GrytException(String.join(" ", cmd) + " failed in " + dir + " (exit " + code + "): "
                        + out.strip().replaceAll("\\s*\\R\\s*", " "));
            }
            return code == 0 ? out : "";
        } catch (IOException e) {
            if (!mustSucceed) return "";
            throw new GrytException("cannot run git (is it installed and on the PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrytException("interrupted while running " + String.join(" ", cmd), e);
        }
    }
}
