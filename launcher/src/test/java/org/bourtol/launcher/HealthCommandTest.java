package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bourtol health}, the container and systemd health check: 0 only on a 200 from /health. */
class HealthCommandTest {

    private static int run(String url, StringWriter err) {
        CommandLine cl = Bourtol.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute("health", "--url", url, "--timeout", "PT2S");
    }

    @ParameterizedTest(name = "/health answering {0} -> exit {1}")
    @CsvSource({"200, 0", "503, 1"})
    void exitCodeFollowsTheHealthStatus(int status, int exit) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", ex -> {
            byte[] body = "{\"status\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            assertEquals(exit, run("http://127.0.0.1:" + server.getAddress().getPort() + "/health", new StringWriter()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningIsUnhealthyWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        assertEquals(1, run("http://127.0.0.1:" + port + "/health", err));
        assertTrue(err.toString().contains("no answer from http://127.0.0.1:" + port), err.toString());
    }
}
