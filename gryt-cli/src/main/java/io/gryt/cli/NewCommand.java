package io.gryt.cli;

import io.gryt.core.template.ProjectTemplate;
import io.gryt.core.template.ProjectTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gryt new <template> [dir]}: a ready project from a template; {@code gryt new list} lists the templates. */
@Command(name = "new", description = "Create a ready project from a template (go, python, node, java, minimal); 'gryt new list' lists them.")
final class NewCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Parameters(index = "0", paramLabel = "<template>", description = "go, python, node, java, minimal; or 'list'.")
    String template;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<dir>",
            description = "A new or empty directory (the current one by default).")
    Path dir;

    @Override
    public Integer call() {
        if (template.equals("list")) {
            Table t = new Table("TEMPLATE", "DESCRIPTION", "NEEDS");
            for (ProjectTemplate p : ProjectTemplates.all()) t.row(p.name(), p.description(), String.join(", ", p.tools()));
            t.print(gryt.out);
            gryt.out.println("use one: gryt new go myapp");
            return ExitCodes.OK;
        }
        Path target = dir == null ? gryt.workingDir() : gryt.workingDir().resolve(dir).normalize();
        ProjectTemplate chosen = ProjectTemplates.require(template);
        ProjectTemplates.Created created = ProjectTemplates.create(template, target, gryt.env.get("PATH"));
        gryt.out.println("created " + template + " project in " + created.dir()
                + (created.gitInit() ? " (a new git repository, first commit made)" : " (inside a git repository: commit the files)"));
        for (String f : created.files()) gryt.out.println("  " + f);
        gryt.out.println("next:");
        if (dir != null) gryt.out.println("  cd " + dir);
        if (!created.gitInit()) gryt.out.println("  git add -A && git commit -m 'gryt new " + template + "'");
        gryt.out.println("  gryt evolution start " + ProjectTemplates.FIRST_VERSION + " --change " + ProjectTemplates.FIRST_CHANGE);
        gryt.out.println("  gryt generation promote " + ProjectTemplates.FIRST_VERSION);
        for (String tool : created.missingTools()) {
            gryt.err.println("gryt: warning: " + tool + " is not on the PATH, and the project's pipeline needs it: "
                    + chosen.install());
        }
        return ExitCodes.OK;
    }
}
