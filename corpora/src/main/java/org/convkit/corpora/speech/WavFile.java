package org.convkit.corpora.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.convkit.corpora.CorpusFormatException;

/**
 * Reads and writes RIFF/WAVE files in pure Java. Reading accepts PCM (8, 16, 24, 32 bits) and 32-bit
 * float, including the WAVE_FORMAT_EXTENSIBLE header; writing produces 16-bit PCM, the format of
 * Speech Commands. Every problem is reported with the file name and what was expected.
 */
public final class WavFile {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFile() {
    }

    /**
     * Reads only the header of a WAV file.
     *
     * @param file the file
     * @return its format and where its samples are
     * @throws CorpusFormatException if the file is not RIFF/WAVE, lacks a {@code fmt } or {@code data}
     *                               chunk, uses an unsupported encoding, or is shorter than its header says
     */
    public static WavFormat readFormat(Path file) {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = read(channel, file, 0, 12, "RIFF header");
            if (head.getInt(0) != 0x46464952 || head.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
                throw new CorpusFormatException(file, "not a RIFF/WAVE file (expected 'RIFF'....'WAVE' at byte 0)");
            }
            long position = 12;
            WavFormat.Encoding encoding = null;
            int channels = 0;
            int rate = 0;
            int bits = 0;
            while (position + 8 <= size) {
                ByteBuffer chunk = read(channel, file, position, 8, "chunk header");
                int id = chunk.getInt(0);
                long length = Integer.toUnsignedLong(chunk.getInt(4));
                long body = position + 8;
                if (id == 0x20746d66) { // "fmt "
                    if (length < 16) {
                        throw new CorpusFormatException(file, "fmt chunk of " + length + " bytes, expected at least 16");
                    }
                    ByteBuffer fmt = read(channel, file, body, (int) Math.min(length, 40), "fmt chunk");
                    int tag = fmt.getShort(0) & 0xFFFF;
                    channels = fmt.getShort(2) & 0xFFFF;
                    rate = fmt.getInt(4);
                    bits = fmt.getShort(14) & 0xFFFF;
                    if (tag == FORMAT_EXTENSIBLE && length >= 40) {
                        tag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
                    }
                    if (tag == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) {
                        encoding = WavFormat.Encoding.PCM;
                    } else if (tag == FORMAT_FLOAT && bits == 32) {
                        encoding = WavFormat.Encoding.FLOAT;
                    } else {
                        throw new CorpusFormatException(file, "unsupported WAV encoding (format tag " + tag + ", "
                            + bits + " bits), expected PCM with 8/16/24/32 bits or 32-bit float");
                    }
                    if (channels < 1 || rate < 1) {
                        throw new CorpusFormatException(file, "invalid fmt chunk: " + channels + " channels, "
                            + rate + " Hz");
                    }
                } else if (id == 0x61746164) { // "data"
                    if (encoding == null) {
                        throw new CorpusFormatException(file, "data chunk before the fmt chunk");
                    }
                    if (body + length > size) {
                        throw new CorpusFormatException(file, "truncated: the data chunk declares " + length
                            + " bytes but only " + (size - body) + " follow");
                    }
                    WavFormat format = new WavFormat(encoding, channels, rate, bits, body, length);
                    if (length % format.frameBytes() != 0) {
                        throw new CorpusFormatException(file, "data chunk of " + length
                            + " bytes is not a whole number of " + format.frameBytes() + "-byte frames");
                    }
                    return format;
                }
                position = body + length + (length & 1); // chunks are padded to even length
            }
            throw new CorpusFormatException(file, encoding == null ? "no fmt chunk" : "no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Checks that a WAV file has the given sample rate and channel count and is 16-bit PCM.
     *
     * @param file       the file
     * @param sampleRate the required rate in Hz (Speech Commands: 16000)
     * @param channels   the required channel count (Speech Commands: 1)
     * @return the header, once it is known to match
     * @throws CorpusFormatException naming the file, what it has and what was expected
     */
    public static WavFormat requireFormat(Path file, int sampleRate, int channels) {
        WavFormat format = readFormat(file);
        if (format.sampleRate() != sampleRate || format.channels() != channels
            || format.encoding() != WavFormat.Encoding.PCM || format.bitsPerSample() != 16) {
            throw new CorpusFormatException(file, "WAV is " + format.describe() + ", expected " + sampleRate
                + " Hz, " + channels + (channels == 1 ? " channel" : " channels") + ", 16-bit PCM");
        }
        return format;
    }

    /**
     * Reads the samples of a WAV file, mixing all channels down to one.
     *
     * @param file the file
     * @return the format and the mono samples scaled to [-1, 1)
     * @throws CorpusFormatException if the header is invalid (see {@link #readFormat})
     */
    public static MonoAudio readMono(Path file) {
        WavFormat format = readFormat(file);
        if (format.dataLength() > Integer.MAX_VALUE - 8) {
            throw new CorpusFormatException(file, "data chunk of " + format.dataLength() + " bytes is too large to read at once");
        }
        byte[] bytes = new byte[(int) format.dataLength()];
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            channel.position(format.dataOffset());
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new CorpusFormatException(file, "truncated while reading samples");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int frames = (int) format.frames();
        int channels = format.channels();
        int width = format.bitsPerSample() / 8;
        float[] samples = new float[frames];
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (f * channels + c) * width;
                sum += sample(data, at, format);
            }
            samples[f] = (float) (sum / channels);
        }
        return new MonoAudio(format.sampleRate(), samples);
    }

    /**
     * Mono audio at a sample rate.
     *
     * @param sampleRate frames per second, in Hz
     * @param samples    samples scaled to [-1, 1)
     */
    public record MonoAudio(int sampleRate, float[] samples) {
    }

    private static double sample(ByteBuffer data, int at, WavFormat format) {
        if (format.encoding() == WavFormat.Encoding.FLOAT) {
            return data.getFloat(at);
        }
        return switch (format.bitsPerSample()) {
            case 8 -> ((data.get(at) & 0xFF) - 128) / 128.0;
            case 16 -> data.getShort(at) / 32768.0;
            case 24 -> ((data.get(at) & 0xFF) | ((data.get(at + 1) & 0xFF) << 8) | (data.get(at + 2) << 16)) / 8388608.0;
            default -> data.getInt(at) / 2147483648.0;
        };
    }

    /**
     * Writes mono 16-bit PCM, atomically: the file appears complete or not at all. Samples are scaled
     * by 32767, rounded to the nearest integer and clipped to the 16-bit range.
     *
     * @param file       the destination (replaced if it exists)
     * @param samples    samples nominally in [-1, 1]
     * @param sampleRate the rate to declare, in Hz
     * @throws UncheckedIOException if writing fails
     */
    public static void writePcm16(Path file, float[] samples, int sampleRate) {
        ByteBuffer bytes = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(0x46464952).putInt(36 + 2 * samples.length).putInt(0x45564157);
        bytes.putInt(0x20746d66).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1)
            .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        bytes.putInt(0x61746164).putInt(2 * samples.length);
        for (float s : samples) {
            long v = Math.round(s * 32767.0);
            bytes.putShort((short) Math.max(-32768, Math.min(32767, v)));
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            // a unique name beside the target (same file system, so the rename is atomic)
            Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().threadId() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes.array());
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, Path file, long position, int length, String what)
        throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new CorpusFormatException(file, "truncated: file ends inside the " + what + " at byte "
                    + (position + buffer.position()));
            }
        }
        return buffer;
    }
}
