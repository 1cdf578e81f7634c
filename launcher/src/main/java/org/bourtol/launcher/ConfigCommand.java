package org.bourtol.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.ConfigKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bourtol config --keys}: every configuration key with its environment variables, default and
 * meaning, from {@link ConfigKeys}; {@code --markdown} prints the README's table.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print every configuration key, its environment variables, default and meaning.")
public final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--keys", description = "List the keys (the default action)")
    boolean keys;

    @Option(names = "--markdown", description = "As the README's Markdown table")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(ConfigKeys.markdownTable());
        } else {
            for (ConfigKeys.Key k : ConfigKeys.all()) {
                out.println(k.name());
                out.println("    environment: " + String.join(", ", k.environmentNames()));
                out.println("    default:     " + k.documentedDefault().replace("`", ""));
                out.println("    meaning:     " + k.meaning().replace("`", ""));
            }
        }
        out.flush();
        return 0;
    }
}
