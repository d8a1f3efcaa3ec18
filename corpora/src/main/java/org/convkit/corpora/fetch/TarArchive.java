package org.convkit.corpora.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.convkit.corpora.CorpusFormatException;

/**
 * Sequential reader of a POSIX tar stream (ustar, with pax extended headers and GNU long names), enough
 * for npm package tarballs. Header checksums are verified.
 */
final class TarArchive {

    /** One member. */
    record Entry(String name, long size, char type) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private final Path name;
    private long remaining;
    private long padding;
    private final byte[] header = new byte[512];

    TarArchive(InputStream in, Path name) {
        this.in = in;
        this.name = name;
    }

    /**
     * Advances to the next member, skipping what is left of the current one.
     *
     * @return the member, or null at the end of the archive
     */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        Long paxSize = null;
        while (true) {
            int n = in.readNBytes(header, 0, 512);
            if (n == 0) {
                return null;
            }
            if (n < 512) {
                throw new CorpusFormatException(name, "truncated tar header");
            }
            if (isZero(header)) {
                return null;
            }
            verifyChecksum();
            String entryName = string(0, 100);
            String prefix = string(345, 155);
            if (!prefix.isEmpty() && "ustar".equals(string(257, 5))) {
                entryName = prefix + "/" + entryName;
            }
            long size = octal(124, 12);
            char type = (char) header[156];
            if (type == 'x' || type == 'L') {
                byte[] data = in.readNBytes((int) size);
                skip(pad(size));
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else {
                    String[] parsed = parsePax(data);
                    if (parsed[0] != null) {
                        longName = parsed[0];
                    }
                    if (parsed[1] != null) {
                        paxSize = Long.parseLong(parsed[1]);
                    }
                }
                continue;
            }
            if (type == 'g') { // global pax header: nothing we need
                skip(size + pad(size));
                continue;
            }
            if (longName != null) {
                entryName = longName;
            }
            if (paxSize != null) {
                size = paxSize;
            }
            remaining = size;
            padding = pad(size);
            return new Entry(entryName, size, type);
        }
    }

    /** The current member's bytes; read them before calling {@link #next()} again. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new CorpusFormatException(name, "truncated tar member");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new CorpusFormatException(name, "truncated tar member");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private static String[] parsePax(byte[] data) {
        String[] result = new String[2];
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            String record = new String(data, space + 1, length - (space - i) - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            String key = record.substring(0, eq);
            if (key.equals("path")) {
                result[0] = record.substring(eq + 1);
            } else if (key.equals("size")) {
                result[1] = record.substring(eq + 1);
            }
            i += length;
        }
        return result;
    }

    private void verifyChecksum() {
        long stored = octal(148, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        if (sum != stored) {
            throw new CorpusFormatException(name, "corrupt tar header (checksum " + sum + ", stored " + stored + ")");
        }
    }

    private String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private long octal(int offset, int length) {
        if ((header[offset] & 0x80) != 0) { // base-256 for large values
            long value = header[offset] & 0x7F;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xFF);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long value = 0;
        while (i < end && header[i] >= '0' && header[i] <= '7') {
            value = value * 8 + (header[i] - '0');
            i++;
        }
        if (i < end && header[i] != ' ' && header[i] != 0) {
            throw new CorpusFormatException(name, "corrupt tar header (non-octal digit in a number field)");
        }
        return value;
    }

    private static long pad(long size) {
        return (512 - size % 512) % 512;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new CorpusFormatException(name, "truncated tar archive");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
