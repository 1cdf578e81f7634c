package org.bourtol.launcher;

import java.nio.file.Path;
import org.bourtol.simulator.scenario.ScenarioSpec;
import picocli.CommandLine.Option;

/** The {@code --scenario FILE} and {@code --json FILE} options of the commands that play a season ({@code demo}, {@code simulate}; a picocli mixin). */
final class SeasonOptions {

    @Option(names = "--scenario", description = "Scenario YAML file (default: the built-in Sahel season)")
    Path scenario;

    @Option(names = "--json", description = "Write the report as JSON to this file")
    Path json;

    /** The season of the scenario file, or the built-in one. */
    ScenarioSpec spec() {
        return scenario == null ? ScenarioSpec.builtIn() : ScenarioSpec.read(scenario);
    }
}
