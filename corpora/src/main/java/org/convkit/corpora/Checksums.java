package org.convkit.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Message digests of files and strings, as lower-case hexadecimal. */
public final class Checksums {

    private Checksums() {
    }

    /**
     * The digest of a file's bytes.
     *
     * @param file      the file
     * @param algorithm a {@link MessageDigest} algorithm name such as {@code SHA-256}, {@code SHA-512}, {@code MD5}
     * @return the raw digest
     * @throws UncheckedIOException if the file cannot be read
     */
    public static byte[] digest(Path file, String algorithm) {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return digest.digest();
    }

    /**
     * The SHA-256 of a file, the form {@code sha256sum} prints.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     */
    public static String sha256(Path file) {
        return HexFormat.of().formatHex(digest(file, "SHA-256"));
    }

    /**
     * The digest of a byte array.
     *
     * @param bytes     the data
     * @param algorithm a {@link MessageDigest} algorithm name
     * @return lower-case hex digits
     */
    public static String hex(byte[] bytes, String algorithm) {
        return HexFormat.of().formatHex(newDigest(algorithm).digest(bytes));
    }

    /**
     * The SHA-256 of a string's UTF-8 bytes.
     *
     * @param text the string
     * @return 64 lower-case hex digits
     */
    public static String sha256(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8), "SHA-256");
    }

    /**
     * A new digest object.
     *
     * @param algorithm the algorithm name
     * @return a fresh {@link MessageDigest}
     */
    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no message digest " + algorithm, e);
        }
    }
}
