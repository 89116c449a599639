package io.gryt.cli;

import io.gryt.api.BadInputException;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;

import java.util.Arrays;
import java.util.List;

/** Parses {@code --change type:ID:title}, e.g. {@code fix:PAY-001:"Race condition in refund webhook"}. */
final class ChangeSpec {
    private ChangeSpec() {
    }

    static List<Change> parseAll(List<String> specs) {
        return specs == null ? List.of() : specs.stream().map(ChangeSpec::parse).toList();
    }

    static Change parse(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 3 || parts[2].isBlank()) {
            throw new BadInputException("--change '" + spec + "': use type:ID:title, e.g. fix:PAY-001:\"Race condition in refunds\"");
        }
        ChangeType type = ChangeType.parse(parts[0].strip()).orElseThrow(() -> new BadInputException("--change '" + spec
                + "': unknown type '" + parts[0] + "' (use one of " + Arrays.stream(ChangeType.values()).map(ChangeType::label).toList() + ")"));
        String id = parts[1].strip();
        if (!Change.isValidId(id)) {
            throw new BadInputException("--change '" + spec + "': invalid change id '" + id
                    + "' (letters, digits, '-', '.', '_'; e.g. PAY-001)");
        }
        return new Change(id, type, parts[2].strip(), null);
    }
}
