package org.convkit.audio.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Parses a RIFF/WAVE byte image: PCM (format 1, 8-bit unsigned, 16/24/32-bit signed), IEEE float
 * (format 3, 32/64-bit) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) with either sub-format. Chunks other
 * than {@code fmt } and {@code data} are skipped (with RIFF's pad byte after odd-sized chunks).
 * Every inconsistency is an {@link AudioFileException}: the RIFF size field is the only one
 * ignored, because many writers leave it wrong, and a data size of 0xFFFFFFFF (written by
 * streaming recorders that never patch the header) means "to the end of the file".
 */
final class WavDecoder {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavDecoder() {
    }

    static boolean looksLikeWav(byte[] b) {
        return b.length >= 4 && tag(b, 0).equals("RIFF");
    }

    static AudioClip decode(Path file, byte[] b) throws AudioFileException {
        if (b.length < 12) {
            throw new AudioFileException(file, "file is " + b.length
                    + " bytes, shorter than the 12-byte RIFF/WAVE header");
        }
        if (!tag(b, 8).equals("WAVE")) {
            throw new AudioFileException(file, "RIFF form type is '" + printable(tag(b, 8))
                    + "'; expected 'WAVE'");
        }
        int pos = 12;
        int channels = -1;
        int sampleRate = -1;
        PcmLayout layout = null;
        while (true) {
            if (pos + 8 > b.length) {
                String seen = channels < 0 ? "no 'fmt ' chunk" : "a 'fmt ' chunk";
                throw new AudioFileException(file, "reached the end of the file at byte " + pos
                        + " after " + seen + " and no 'data' chunk; expected 'fmt ' and 'data' chunks"
                        + " (file truncated?)");
            }
            String id = tag(b, pos);
            long size = u32(b, pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new AudioFileException(file, "'fmt ' chunk is " + size
                            + " bytes; expected at least 16");
                }
                if (body + size > b.length) {
                    throw new AudioFileException(file, "'fmt ' chunk declares " + size
                            + " bytes but only " + (b.length - body) + " follow (file truncated?)");
                }
                int format = u16(b, body);
                channels = u16(b, body + 2);
                long rate = u32(b, body + 4);
                int blockAlign = u16(b, body + 12);
                int bits = u16(b, body + 14);
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw new AudioFileException(file, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is "
                                + size + " bytes; expected 40");
                    }
                    format = u16(b, body + 24); // first two bytes of the sub-format GUID
                }
                if (channels == 0) {
                    throw new AudioFileException(file, "'fmt ' chunk declares 0 channels; expected >= 1");
                }
                if (rate == 0 || rate > Integer.MAX_VALUE) {
                    throw new AudioFileException(file, "'fmt ' chunk declares sample rate " + rate
                            + " Hz; expected a positive rate");
                }
                sampleRate = (int) rate;
                layout = layoutOf(file, format, bits);
                if (blockAlign != channels * layout.bytesPerSample()) {
                    throw new AudioFileException(file, "'fmt ' block align is " + blockAlign
                            + " bytes; expected channels x bytes per sample = " + channels + " x "
                            + layout.bytesPerSample());
                }
            } else if (id.equals("data")) {
                if (layout == null) {
                    throw new AudioFileException(file, "'data' chunk at byte " + pos
                            + " comes before any 'fmt ' chunk; expected 'fmt ' first");
                }
                long available = b.length - body;
                long bytes = size == 0xFFFFFFFFL ? available : size;
                if (bytes > available) {
                    throw new AudioFileException(file, "'data' chunk declares " + bytes
                            + " bytes but only " + available + " follow (file truncated?)");
                }
                int frameBytes = channels * layout.bytesPerSample();
                if (bytes % frameBytes != 0) {
                    throw new AudioFileException(file, "'data' chunk holds " + bytes
                            + " bytes, not a whole number of " + frameBytes
                            + "-byte sample frames (file truncated?)");
                }
                if (bytes == 0) {
                    throw new AudioFileException(file, "'data' chunk is empty; expected at least one"
                            + " sample frame");
                }
                int count = (int) (bytes / layout.bytesPerSample());
                float[] samples = layout.decode(file, b, body, count, channels);
                return new AudioClip(file, sampleRate, channels, samples);
            } else if (body + size > b.length) {
                throw new AudioFileException(file, "chunk '" + printable(id) + "' at byte " + pos
                        + " declares " + size + " bytes but only " + (b.length - body)
                        + " follow, and no 'data' chunk was seen (file truncated or corrupt?)");
            }
            pos = Math.toIntExact(body + size + (size & 1));
        }
    }

    private static PcmLayout layoutOf(Path file, int format, int bits) throws AudioFileException {
        if (format == FORMAT_PCM) {
            return switch (bits) {
                case 8 -> new PcmLayout(8, PcmLayout.Kind.UNSIGNED, false);
                case 16, 24, 32 -> new PcmLayout(bits, PcmLayout.Kind.SIGNED, false);
                default -> throw new AudioFileException(file, "PCM with " + bits
                        + " bits per sample; expected 8, 16, 24 or 32");
            };
        }
        if (format == FORMAT_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw new AudioFileException(file, "IEEE float with " + bits
                        + " bits per sample; expected 32 or 64");
            }
            return new PcmLayout(bits, PcmLayout.Kind.FLOAT, false);
        }
        throw new AudioFileException(file, "WAVE format tag 0x" + Integer.toHexString(format)
                + " is not supported; expected PCM (1), IEEE float (3) or extensible with either");
    }

    private static String tag(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String tag) {
        StringBuilder sb = new StringBuilder();
        for (char c : tag.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
