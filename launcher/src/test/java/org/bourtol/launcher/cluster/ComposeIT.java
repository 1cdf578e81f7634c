package org.bourtol.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.embedded.EmbeddedKafka;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.ExternalBinary;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose.yaml} and {@code deploy/README.md} followed without Docker (no engine runs here):
 * every Bourtol service of the Compose file is started as its own process with exactly the environment
 * the file and {@code bourtol.env.example} give it, all at once as {@code docker compose up} does, and
 * the rules service twice. The other services run the same programs from Debian with the project's own
 * files: mosquitto with {@code deploy/mosquitto/mosquitto.conf} and {@code acl} and a password file made
 * by {@code mosquitto_passwd}, nginx with {@code deploy/nginx/bourtol.conf}, influxd, and a Kafka broker.
 * What containers change is kept to the least: host names become 127.0.0.1 ports, {@code /data} a
 * directory per service, and Twilio the local Twilio-compatible server. Then the README's checks run
 * through nginx: {@code /health}, {@code bourtol sms}, a gauge's {@code mosquitto_pub} with its own
 * credentials, and {@code mosquitto_sub} on the alert topics; the warning SMS reaches Twilio and the
 * readings reach InfluxDB.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ComposeIT {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final String SID = "AC" + "d".repeat(32);
    private static final String SERVICE_PASSWORD = "compose-it-service-password";
    private static final String GAUGE_PASSWORD = "compose-it-gauge-password";
    private static final String COMMITTEE = "+22790000088";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void followingTheDeployReadmeGivesAWorkingSystem() throws Exception {
        Path nginxBinary = ExternalBinary.require("nginx", "nginx-light");
        Path passwdTool = ExternalBinary.require("mosquitto_passwd", "mosquitto");
        Path dir = Files.createTempDirectory("compose-it");
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, String> envFile = envFile();

        // README step 2: one password per MQTT user, made with mosquitto's own tool
        Path passwd = dir.resolve("passwd");
        Files.createFile(passwd);
        for (String[] user : List.of(new String[] {"bourtol-ingest", envFile.get("BOURTOL_MQTT_PASSWORD")},
                new String[] {"bourtol-notifier", envFile.get("BOURTOL_MQTT_PASSWORD")}, new String[] {"niamey", GAUGE_PASSWORD})) {
            Process p = new ProcessBuilder(passwdTool.toString(), "-b", passwd.toString(), user[0], user[1]).inheritIO().start();
            assertEquals(0, p.waitFor(), "mosquitto_passwd " + user[0]);
        }
        String mosquittoConf = Files.readString(DEPLOY.resolve("mosquitto/mosquitto.conf"));
        Vertx vertx = Vertx.vertx();
        LocalTwilioServer twilio = LocalTwilioServer.start(vertx, 0).requireCredentials(SID, envFile.get("TWILIO_AUTH_TOKEN"));
        List<ExternalProcess> processes = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
                Mosquitto mqtt = Mosquitto.startWith((port, own) -> mosquittoConf
                        .replace("listener 1883", "listener " + port + " 127.0.0.1")
                        .replace("/mosquitto/config/passwd", passwd.toString())
                        .replace("/mosquitto/config/acl", DEPLOY.resolve("mosquitto/acl").toAbsolutePath().toString())
                        .replace("/mosquitto/data/", own.toAbsolutePath() + "/"));
                Influxd influx = Influxd.start()) {
            Map<String, String> hosts = Map.of("kafka:9092", kafka.bootstrap(), "tcp://mosquitto:1883", mqtt.url(),
                    "http://influxdb:8086", influx.url());
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : services.entrySet()) {
                Map<String, Object> service = (Map<String, Object>) e.getValue();
                if (!String.valueOf(service.get("image")).startsWith("bourtol:")) {
                    continue;
                }
                int replicas = service.get("deploy") instanceof Map<?, ?> d && d.get("replicas") instanceof Integer n ? n : 1;
                for (int i = 1; i <= replicas; i++) {
                    String name = replicas == 1 ? e.getKey() : e.getKey() + "-" + i;
                    int port = ExternalProcess.freePort();
                    ports.put(name, port);
                    Map<String, String> env = environment(service, envFile, hosts, port, dir.resolve(name));
                    env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
                    ExternalProcess p = ExternalProcess.java(name, "org.bourtol.launcher.Bourtol",
                            (List<String>) service.get("command"), env, dir);
                    p.launch();
                    processes.add(p);
                }
            }
            assertEquals(List.of("ingest", "rules-1", "rules-2", "notifier", "timeseries"), List.copyOf(ports.keySet()));
            for (ExternalProcess p : processes) {
                awaitHealthy(ports.get(p.name()), p);
            }

            int proxyPort = ExternalProcess.freePort();
            ExternalProcess nginx = nginx(nginxBinary, dir.resolve("nginx"), proxyPort, ports);
            processes.add(nginx);
            String proxy = "http://127.0.0.1:" + proxyPort;
            Poll.until(Duration.ofSeconds(30), "nginx answers /health", () -> status(get(proxy + "/health")) == 200);

            // a peace committee for Niamey, through the proxy to the notifier
            String committee = """
                    {"name": "Comite de paix de Niamey (compose test)", "role": "peace-committee", "phone": "%s",
                     "language": "fr", "zones": ["niamey"], "hazards": ["flood"], "minSeverity": "Minor", "channels": ["sms"]}
                    """.formatted(COMMITTEE);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(proxy + "/api/v1/recipients/compose-pc-niamey"))
                    .header("Authorization", "Bearer " + envFile.get("BOURTOL_ADMIN_TOKEN")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(committee)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(put.statusCode() / 100 == 2, "recipient through the proxy: " + put.statusCode() + " " + put.body());

            // README step 3: bourtol sms through the proxy, signed with the env file's Twilio token
            Map<String, String> smsEnv = environment((Map<String, Object>) services.get("ingest"), envFile, hosts, 0, dir.resolve("sms"));
            ExternalProcess sms = ExternalProcess.java("sms", "org.bourtol.launcher.Bourtol",
                    List.of("sms", "--http", proxy, "--from", "+22376000001", "NIVEAU", "NIAMEY", "640"), smsEnv, dir);
            sms.launch();
            assertEquals(0, sms.await(Duration.ofMinutes(2)), sms.logText());
            assertTrue(sms.logText().contains("HTTP 200") && sms.logText().contains("Niamey"), sms.logText());

            // ... then a gauge with its own credentials, and a siren's subscription to the alert topics
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(mqtt.port()),
                    "-u", "niamey", "-P", GAUGE_PASSWORD, "-t", "bourtol/v1/alerts/#", "-v", "-C", "1", "-W", "240")
                    .redirectErrorStream(true).start();
            String reading = "{\"levelCm\": 641, \"observedAt\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}";
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(mqtt.port()),
                    "-u", "niamey", "-P", GAUGE_PASSWORD, "-q", "1", "-t", "bourtol/v1/gauge/niamey", "-m", reading)
                    .redirectErrorStream(true).start();
            assertEquals(0, pub.waitFor(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(sub.waitFor(4, TimeUnit.MINUTES), "mosquitto_sub still waiting");
            String alert = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(alert.startsWith("bourtol/v1/alerts/niamey "), "a siren reads the Niamey alert: " + alert);

            Poll.until(Duration.ofMinutes(2), "the warning SMS at Twilio", () -> !twilio.messagesTo(COMMITTEE).isEmpty());
            String query = influx.url() + "/query?db=bourtol&q=" + URLEncoder.encode("SHOW MEASUREMENTS", StandardCharsets.UTF_8);
            Poll.until(Duration.ofMinutes(2), "the gauge readings in InfluxDB", () -> {
                HttpResponse<String> r = get(query);
                return r != null && r.body().contains("gauge_level");
            });
        } finally {
            processes.forEach(ExternalProcess::close);
            twilio.close();
            vertx.close();
        }
    }

    /** The service's environment as Compose gives it: its own variables, then the env file, hosts made local. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service, Map<String, String> envFile,
                                                   Map<String, String> hosts, int port, Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>(envFile);
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        env.replaceAll((k, v) -> {
            String out = v;
            for (Map.Entry<String, String> h : hosts.entrySet()) {
                out = out.replace(h.getKey(), h.getValue());
            }
            return out;
        });
        env.put("BOURTOL_HTTP_HOST", "127.0.0.1");
        env.put("BOURTOL_HTTP_PORT", String.valueOf(port));
        env.put("BOURTOL_DATA_DIR", dataDir.toString());
        return env;
    }

    /** {@code bourtol.env.example} with its placeholders filled as an operator would. */
    private static Map<String, String> envFile() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("bourtol.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        env.put("BOURTOL_ADMIN_TOKEN", "compose-it-admin-token-0123456789");
        env.put("BOURTOL_PSEUDONYM_KEY", "compose-it-pseudonym-key-0123456789");
        env.put("BOURTOL_MQTT_PASSWORD", SERVICE_PASSWORD);
        env.put("TWILIO_ACCOUNT_SID", SID);
        env.put("TWILIO_AUTH_TOKEN", "compose-it-twilio-token");
        return env;
    }

    /** nginx with the project's site file, its upstreams pointed at the services' ports. */
    private static ExternalProcess nginx(Path binary, Path dir, int port, Map<String, Integer> ports) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        String site = Files.readString(DEPLOY.resolve("nginx/bourtol.conf"))
                .replace("server ingest:8080;", "server 127.0.0.1:" + ports.get("ingest") + ";")
                .replace("server notifier:8080;", "server 127.0.0.1:" + ports.get("notifier") + ";")
                .replace("server rules:8080;", "server 127.0.0.1:" + ports.get("rules-1") + "; server 127.0.0.1:" + ports.get("rules-2") + ";")
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        Files.writeString(dir.resolve("bourtol.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("logs/error.log")
                + ";\nevents {}\nhttp {\n  access_log " + dir.resolve("logs/access.log") + ";\n  include " + dir.resolve("bourtol.conf") + ";\n}\n");
        ExternalProcess p = ExternalProcess.command("nginx", List.of(binary.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-g", "daemon off;"), dir);
        p.start(port, Duration.ofSeconds(20));
        return p;
    }

    private void awaitHealthy(int port, ExternalProcess jvm) {
        Poll.until(Duration.ofMinutes(5), jvm.name() + " healthy", () -> {
            if (!jvm.alive()) {
                throw new AssertionError(jvm.name() + " exited:\n" + jvm.logText());
            }
            return status(get("http://127.0.0.1:" + port + "/health")) == 200;
        });
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(HttpResponse<String> r) {
        return r == null ? -1 : r.statusCode();
    }
}
