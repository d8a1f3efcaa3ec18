package org.convkit.examples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun's format: a big-endian magic number
 * {@code 0x0000 08 NN} where 08 means unsigned bytes and NN the number of dimensions, then NN
 * big-endian int32 sizes, then the bytes). Gzipped files are recognised by their name.
 */
public final class IdxFile {
    private IdxFile() {
    }

    /** The sizes and the unsigned-byte values of an IDX file. */
    public record Contents(int[] dims, byte[] data) {
        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads a whole IDX file of unsigned bytes with {@code expectedDims} dimensions.
     *
     * @throws IOException naming the file when it is truncated, not IDX, or of another type
     */
    public static Contents read(Path file, int expectedDims) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
             DataInputStream d = new DataInputStream(in)) {
            int magic = d.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
                throw new IOException(file + ": not an IDX file of unsigned bytes (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int nd = magic & 0xff;
            if (nd != expectedDims) {
                throw new IOException(file + ": has " + nd + " dimensions, expected " + expectedDims);
            }
            int[] dims = new int[nd];
            long total = 1;
            for (int i = 0; i < nd; i++) {
                dims[i] = d.readInt();
                if (dims[i] <= 0) throw new IOException(file + ": dimension " + i + " is " + dims[i]);
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) throw new IOException(file + ": too large (" + total + " values)");
            byte[] data = new byte[(int) total];
            d.readFully(data);
            return new Contents(dims, data);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (ends before the sizes in its header say)", e);
        }
    }
}
