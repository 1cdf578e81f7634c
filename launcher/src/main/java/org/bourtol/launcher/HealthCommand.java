package org.bourtol.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bourtol health}: asks a running Bourtol on this host for {@code /health} and exits 0 when it
 * answers 200 (every component up), 1 otherwise. The container image's health check and systemd's
 * {@code ExecStartPost} use it: the image has no shell or curl.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 when the Bourtol running on this host answers /health with 200, else 1.")
public final class HealthCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--url", description = "Health URL (default: http://127.0.0.1:<http.port>/health)")
    String url;

    @Option(names = "--timeout", defaultValue = "PT5S", description = "How long to wait for the answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BourtolConfig cfg = config.load();
        URI target = URI.create(url != null ? url : "http://127.0.0.1:" + cfg.http().port() + "/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().println("HTTP " + r.statusCode() + " " + target);
            spec.commandLine().getOut().flush();
            return r.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("bourtol health: no answer from " + target + ": " + e.getMessage());
            return 1;
        }
    }
}
