package org.bourtol.platform.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A loopback server writes MQTT-like frames; the client reads them as Paho does (a header byte, then the body). */
class BufferedSocketsTest {

    @Test
    void framesWrittenTogetherAreReadWholeAndInOrder() throws Exception {
        byte[][] frames = {{0x30, 3, 'a', 'b', 'c'}, {0x40, 2, 0, 7}, {0x30, 1, 'z'}};
        CountDownLatch read = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    for (byte[] f : frames) {
                        out.write(f);
                    }
                    out.flush();
                    read.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new BufferedSockets().createSocket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
                assertSame(client.getInputStream(), client.getInputStream(), "one buffer per socket");
                DataInputStream in = new DataInputStream(client.getInputStream());
                for (byte[] f : frames) {
                    assertArrayEquals(f, frame(in));
                }
                read.countDown();
            }
            written.get(5, TimeUnit.SECONDS);
        }
    }

    /** Paho's receiver reads with a one-second timeout and retries: a timeout must not lose or reorder a byte. */
    @Test
    void aReadTimeoutInTheMiddleOfAFrameLosesNothing() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(new byte[] {0x30, 4, 'a', 'b'});
                    out.flush();
                    timedOut.await(10, TimeUnit.SECONDS);
                    out.write(new byte[] {'c', 'd', 0x30, 1, 'e'});
                    out.flush();
                    read.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new BufferedSockets().createSocket(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort())) {
                client.setSoTimeout(100);
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] body = new byte[4];
                assertEquals(0x30, in.readByte());
                assertEquals(4, in.readByte());
                int got = 0;
                int timeouts = 0;
                while (got < body.length) {
                    try {
                        got += in.read(body, got, body.length - got);
                    } catch (SocketTimeoutException e) {
                        timeouts++;
                        timedOut.countDown();
                    }
                }
                assertTrue(timeouts > 0, "the second half came only after a read timeout");
                assertArrayEquals(new byte[] {'a', 'b', 'c', 'd'}, body);
                assertArrayEquals(new byte[] {0x30, 1, 'e'}, frame(in));
                read.countDown();
            }
            written.get(5, TimeUnit.SECONDS);
        }
    }

    private static byte[] frame(DataInputStream in) throws Exception {
        byte type = in.readByte();
        int length = in.readByte();
        byte[] f = new byte[2 + length];
        f[0] = type;
        f[1] = (byte) length;
        in.readFully(f, 2, length);
        return f;
    }
}
