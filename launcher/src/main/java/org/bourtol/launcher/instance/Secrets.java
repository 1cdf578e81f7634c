package org.bourtol.launcher.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.privacy.Pseudonyms;

/**
 * Secrets that embedded mode may make up, and the guard of the pseudonym key. A random admin token
 * (printed once at startup, never logged); a pseudonym key generated once and kept in
 * {@code dataDir/pseudonym.key}; beside it, {@code dataDir/pseudonym.check}, the key's check value
 * ({@link Pseudonyms#checkValue()}), written on the first start with any key (configured or generated)
 * and compared on every later start: a different key would silently turn every focal point into an
 * unknown, unverified reporter, so Bourtol refuses to start instead. Files are written to a temporary
 * file with mode 0600, fsync'd and moved into place; an existing key file is never regenerated.
 */
final class Secrets {

    static final String PSEUDONYM_KEY_FILE = "pseudonym.key";
    static final String PSEUDONYM_CHECK_FILE = "pseudonym.check";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String randomToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "brt_" + HexFormat.of().formatHex(b);
    }

    /** 32 random bytes as hex. */
    static String randomHex() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Reads the persisted pseudonym key, creating it (0600, fsync'd) on first use. A key file that exists
     * but holds no usable key is an error, never replaced.
     */
    static String pseudonymKey(Path dataDir) {
        Path file = dataDir.resolve(PSEUDONYM_KEY_FILE);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).trim();
                if (key.length() < 16) {
                    throw new ConfigException(java.util.List.of("pseudonym key file " + file + " exists but holds no key of at least"
                            + " 16 characters; Bourtol does not replace it (every reporter pseudonym would change): restore it from"
                            + " a backup or see docs/operations.md, 'Pseudonym key'"));
                }
                return key;
            }
            String key = randomHex();
            writePrivate(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + file, e);
        }
    }

    /**
     * Compares the key with the check value stored under {@code dataDir} (writing it on the first start).
     *
     * @throws ConfigException when the data directory was used with another key
     */
    static void verifyPseudonymKey(Path dataDir, String key) {
        Path file = dataDir.resolve(PSEUDONYM_CHECK_FILE);
        String check = new Pseudonyms(key).checkValue();
        try {
            if (!Files.exists(file)) {
                writePrivate(file, check + "\n");
                return;
            }
            String stored = Files.readString(file).trim();
            if (!stored.equals(check)) {
                throw new ConfigException(java.util.List.of("security.pseudonymKey (BOURTOL_PSEUDONYM_KEY) is not the key this data"
                        + " directory was used with (check value " + check + ", " + file + " holds " + stored + "): with another key"
                        + " every focal point becomes an unknown, unverified reporter. Restore the previous key, or rotate it as"
                        + " described in docs/operations.md, 'Pseudonym key'"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the pseudonym check value " + file, e);
        }
    }

    /** Writes {@code text} to {@code file} atomically: a 0600 temporary file, fsync'd, then moved into place. */
    static void writePrivate(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself
        } catch (IOException | UnsupportedOperationException directoriesNotSyncable) {
            // not every platform can open a directory; the file's own content is already on disk
        }
    }
}
