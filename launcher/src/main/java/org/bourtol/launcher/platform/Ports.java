package org.bourtol.launcher.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Checks up front that the configured ports are free, so a second instance fails with one clear message instead of a broker stack trace. */
final class Ports {

    private Ports() {
    }

    static void checkFree(String host, int port, String key, String env, List<String> problems) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            problems.add(key + " (" + env + "): " + host + ":" + port + " is already in use (another Bourtol running?);"
                    + " choose another port, or 0 for a free one");
        }
    }
}
