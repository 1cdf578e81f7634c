package org.bourtol.launcher.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets that embedded mode may make up: a random admin token (printed once at startup, never
 * logged) and a pseudonym key generated once and kept in {@code dataDir/pseudonym.key} (mode 0600),
 * so reporter pseudonyms stay stable across restarts.
 */
final class Secrets {

    static final String PSEUDONYM_KEY_FILE = "pseudonym.key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String randomToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "brt_" + HexFormat.of().formatHex(b);
    }

    /** Reads the persisted pseudonym key, creating it (0600) on first use. */
    static String pseudonymKey(Path dataDir) {
        Path file = dataDir.resolve(PSEUDONYM_KEY_FILE);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).trim();
                if (key.length() >= 16) {
                    return key;
                }
            }
            Files.createDirectories(dataDir);
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            String key = HexFormat.of().formatHex(b);
            Path tmp = dataDir.resolve(PSEUDONYM_KEY_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, key);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + file, e);
        }
    }
}
