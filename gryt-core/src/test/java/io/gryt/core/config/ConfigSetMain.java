package io.gryt.core.config;

import java.nio.file.Path;

/** Child JVM for {@link ConcurrentConfigSetTest}: {@code <file> <key> <prefix> <n>} sets key to prefix+i, n times. */
public final class ConfigSetMain {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[3]);
        for (int i = 1; i <= n; i++) ConfigFile.set(file, args[1], args[2] + i);
        System.out.println("done");
    }
}
