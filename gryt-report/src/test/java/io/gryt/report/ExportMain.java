package io.gryt.report;

import io.gryt.sqlite.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a database in a child JVM (with a small heap): {@code ExportMain <db> <out-prefix> <format>...}
 * writes {@code <out-prefix>.<format>} for each format, without verification, then prints {@code exported}.
 */
public final class ExportMain {
    private ExportMain() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
            for (int i = 2; i < args.length; i++) {
                ExportFormat format = ExportFormat.parse(args[i]);
                Path out = Path.of(args[1] + "." + format.label());
                AuditExport.of(store).format(format).verify(false).writeTo(out);
                System.out.println(format.label() + " " + Files.size(out));
            }
        }
        System.out.println("exported with a heap of at most " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }
}
