package io.gryt.core.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project template of {@code gryt new}.
 *
 * @param name        what {@code gryt new <name>} calls it
 * @param description one line
 * @param pipeline    the catalog pipeline its {@code .gryt/pipelines/release.yaml} is written from
 *                    ({@code go.release}), or empty when the template brings its own
 * @param tools       the programs its pipeline needs on the PATH (the language's toolchain)
 * @param install     where to get them, for the message that says one is missing
 */
public record ProjectTemplate(String name, String description, Optional<String> pipeline, List<String> tools,
                              String install) {
    public ProjectTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pipeline, "pipeline");
        tools = List.copyOf(tools);
    }
}
