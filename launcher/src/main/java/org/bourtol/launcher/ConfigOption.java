package org.bourtol.launcher;

import java.nio.file.Path;
import java.util.Optional;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option of every command that reads Bourtol's configuration (a picocli mixin). */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "Bourtol YAML configuration file; environment variables override it")
    Path file;

    /** The file, when one was given. */
    Optional<Path> path() {
        return Optional.ofNullable(file);
    }

    /** The configuration: the file (if any), overridden by the environment. */
    BourtolConfig load() {
        return ConfigLoader.load(path(), System.getenv());
    }
}
