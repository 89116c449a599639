package io.gryt.git;

import io.gryt.api.BadInputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * Who acts in a repository, resolved as git resolves the committer, from a given environment rather than the
 * process's: {@code GIT_COMMITTER_NAME}/{@code _EMAIL}, then {@code GIT_AUTHOR_NAME}/{@code _EMAIL}, then the
 * configuration ({@code committer.name}, {@code user.name}, {@code user.email}) of the repository, the global
 * files ({@code $GIT_CONFIG_GLOBAL}, or {@code $XDG_CONFIG_HOME/git/config} and {@code $HOME/.gitconfig}) and the
 * system file ({@code $GIT_CONFIG_SYSTEM} or {@code /etc/gitconfig}, skipped with {@code GIT_CONFIG_NOSYSTEM}),
 * the first that sets a value winning; the email falls back to {@code $EMAIL}.
 *
 * @param name  the name, or null when nothing sets it
 * @param email the email, or null when nothing sets it
 */
record GitIdentity(String name, String email) {

    /**
     * The identity for the repository whose common directory (where its {@code config} is) is {@code commonDir}, in
     * {@code env}; re-read on each call, so edited files count.
     */
    static GitIdentity resolve(File commonDir, Map<String, String> env) {
        Config config = config(commonDir, env);
        String name = first(env.get("GIT_COMMITTER_NAME"), env.get("GIT_AUTHOR_NAME"),
                config.getString("committer", null, "name"), config.getString("user", null, "name"));
        String email = first(env.get("GIT_COMMITTER_EMAIL"), env.get("GIT_AUTHOR_EMAIL"),
                config.getString("committer", null, "email"), config.getString("user", null, "email"), env.get("EMAIL"));
        return new GitIdentity(name, email);
    }

    /** {@code Name <email>}, {@code Name} or {@code <email>}; empty when neither is set. */
    Optional<String> display() {
        if (name != null && email != null) return Optional.of(name + " <" + email + ">");
        if (name != null) return Optional.of(name);
        if (email != null) return Optional.of("<" + email + ">");
        return Optional.empty();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v.strip();
        }
        return null;
    }

    /** System, then global, then repository configuration: a later file overrides an earlier one. */
    private static Config config(File commonDir, Map<String, String> env) {
        Config config = new Config();
        if (!isSet(env.get("GIT_CONFIG_NOSYSTEM"))) {
            String system = env.get("GIT_CONFIG_SYSTEM");
            config = load(config, new File(system != null ? system : "/etc/gitconfig"));
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            if (!global.isEmpty()) config = load(config, new File(global));
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            String xdg = env.get("XDG_CONFIG_HOME");
            if (xdg != null && !xdg.isEmpty()) {
                config = load(config, new File(xdg, "git/config"));
            } else if (home != null) {
                config = load(config, new File(home, ".config/git/config"));
            }
            if (home != null) config = load(config, new File(home, ".gitconfig"));
        }
        return load(config, new File(commonDir, "config"));
    }

    /** Refuses {@code file} when it is there and is no valid git configuration, naming it and what is wrong. */
    static void requireValid(File file) {
        load(new Config(), file);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    /**
     * {@code file} read over {@code base}. Parsed from its text rather than with JGit's {@code FileBasedConfig}, whose
     * file snapshots may first measure the file system's timestamp resolution (seconds, inside a store transaction
     * that is recording who acts). {@code include.path} directives are not followed.
     */
    private static Config load(Config base, File file) {
        if (!file.isFile()) return base;
        Config config = new Config(base);
        try {
            config.fromText(Files.readString(file.toPath(), StandardCharsets.UTF_8));
        } catch (ConfigInvalidException e) {
            throw new BadInputException("git configuration " + file + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            return base; // an unreadable file is skipped, as a missing one
        }
        return config;
    }
}
