package org.convkit.audio.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes the other formats that TarsosDSP's JVM reader ({@code AudioDispatcherFactory.fromFile},
 * which delegates to {@code javax.sound.sampled}) understands: AIFF/AIFF-C and Sun AU, uncompressed
 * PCM or float. Compressed encodings (u-law, a-law, ...) are rejected with the encoding named.
 */
final class JavaSoundDecoder {

    private JavaSoundDecoder() {
    }

    static boolean looksLikeAiffOrAu(byte[] b) {
        if (b.length < 4) {
            return false;
        }
        String magic = new String(b, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return magic.equals("FORM") || magic.equals(".snd");
    }

    static AudioClip decode(Path file, byte[] bytes) throws AudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat format = in.getFormat();
            PcmLayout layout = layoutOf(file, format);
            int channels = format.getChannels();
            if (channels <= 0) {
                throw new AudioFileException(file, "header declares " + channels
                        + " channels; expected >= 1");
            }
            float rate = format.getSampleRate();
            if (!(rate > 0) || rate != Math.rint(rate)) {
                throw new AudioFileException(file, "header declares sample rate " + rate
                        + " Hz; expected a positive whole number");
            }
            int frameBytes = channels * layout.bytesPerSample();
            byte[] data = in.readAllBytes();
            long declared = in.getFrameLength();
            if (declared != AudioSystem.NOT_SPECIFIED && declared * frameBytes > data.length) {
                throw new AudioFileException(file, "header declares " + declared
                        + " sample frames but only " + (data.length / frameBytes)
                        + " are present (file truncated?)");
            }
            if (data.length % frameBytes != 0) {
                throw new AudioFileException(file, "sound data holds " + data.length
                        + " bytes, not a whole number of " + frameBytes
                        + "-byte sample frames (file truncated?)");
            }
            if (data.length == 0) {
                throw new AudioFileException(file, "contains no sample frames; expected at least one");
            }
            float[] samples = layout.decode(file, data, 0, data.length / layout.bytesPerSample(), channels);
            return new AudioClip(file, (int) rate, channels, samples);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(file, "not a readable AIFF or AU file (" + e.getMessage()
                    + "); expected an uncompressed AIFF or AU file", e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(file, "corrupt AIFF or AU file (" + e.getMessage() + ")", e);
        }
    }

    private static PcmLayout layoutOf(Path file, AudioFormat f) throws AudioFileException {
        AudioFormat.Encoding enc = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        boolean big = f.isBigEndian();
        if (enc.equals(AudioFormat.Encoding.PCM_FLOAT) && (bits == 32 || bits == 64)) {
            return new PcmLayout(bits, PcmLayout.Kind.FLOAT, big);
        }
        if (enc.equals(AudioFormat.Encoding.PCM_SIGNED) && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) {
            return new PcmLayout(bits, PcmLayout.Kind.SIGNED, big);
        }
        if (enc.equals(AudioFormat.Encoding.PCM_UNSIGNED) && bits == 8) {
            return new PcmLayout(8, PcmLayout.Kind.UNSIGNED, big);
        }
        throw new AudioFileException(file, "encoding " + enc + " with " + bits
                + " bits per sample is not supported; expected 8/16/24/32-bit PCM or 32/64-bit float");
    }
}
