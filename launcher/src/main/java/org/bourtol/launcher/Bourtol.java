package org.bourtol.launcher;

import java.util.List;
import org.bourtol.contracts.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bourtol} command: {@code run} (all components, embedded or external brokers), one
 * component alone ({@code ingest}, {@code rules}, {@code notifier}), and the simulator's
 * {@code demo}, {@code simulate} and {@code bench}. Exit codes: 0 ok, 1 failure, 2 invalid
 * configuration (one message listing every problem).
 */
@Command(name = "bourtol", mixinStandardHelpOptions = true, versionProvider = Bourtol.Version.class,
        description = "Transhumance and flood early warning for the Central Sahel: MQTT, SMS and HTTP reports in, alerts out.")
public final class Bourtol implements Runnable {

    public static final int EXIT_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Kafka's tools bring log4j-api without a provider; keep it quiet instead of an ERROR at startup
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("log4j2.simplelogLevel", "WARN");
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable t) { // an Error escaping picocli must not leave non-daemon threads running
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /** The commands after the serving ones ({@link ServeCommands}), in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, SimulateCommand.class, SmsCommand.class, BenchCommand.class,
            BacktestCommand.class, ReportCommand.class, HealthCommand.class, ConfigCommand.class);

    /** The configured command line with every subcommand (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bourtol());
        ServeCommands.addTo(cl);
        COMMANDS.forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e;
            while (t != null && !(t instanceof ConfigException)) {
                t = t.getCause();
            }
            if (t != null) {
                commandLine.getErr().println("bourtol: " + t.getMessage());
                return EXIT_CONFIG;
            }
            commandLine.getErr().println("bourtol: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Bourtol.class).debug("command failed", e);
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Bourtol.class.getPackage().getImplementationVersion();
            return new String[] {"bourtol " + (v == null ? "development build" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
