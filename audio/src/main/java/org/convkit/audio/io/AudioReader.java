package org.convkit.audio.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads audio files into float PCM.
 *
 * <p>Supported: RIFF/WAVE with 8-bit unsigned, 16/24/32-bit signed PCM or 32/64-bit IEEE float,
 * plain or WAVE_FORMAT_EXTENSIBLE (parsed here so that every defect gets a precise message); AIFF
 * and AU with uncompressed PCM or float (through {@code javax.sound.sampled}, the reader behind
 * TarsosDSP's JVM {@code AudioDispatcherFactory}). Compressed formats (MP3, FLAC, ...) need an
 * external decoder and are rejected. Integer samples are scaled by 2^-(bits-1) into [-1, 1).
 *
 * <p>Every failure — missing or unreadable file, empty file, unknown format, truncated or
 * inconsistent header, no samples, non-finite float samples — is an {@link AudioFileException}
 * whose message names the file and says what was expected.
 */
public final class AudioReader {

    private AudioReader() {
    }

    /**
     * Decodes a whole file at its own sample rate and channel count.
     *
     * @param file the audio file
     * @return the decoded clip
     * @throws AudioFileException if the file cannot be read or decoded
     */
    public static AudioClip read(Path file) throws AudioFileException {
        byte[] bytes = readBytes(file);
        if (bytes.length == 0) {
            throw new AudioFileException(file, "file is empty (0 bytes); expected a WAV, AIFF or AU file");
        }
        if (WavDecoder.looksLikeWav(bytes)) {
            return WavDecoder.decode(file, bytes);
        }
        if (JavaSoundDecoder.looksLikeAiffOrAu(bytes)) {
            return JavaSoundDecoder.decode(file, bytes);
        }
        throw new AudioFileException(file, "unrecognised audio format (starts with "
                + hexPrefix(bytes) + "); expected a RIFF/WAVE, AIFF or AU file");
    }

    /**
     * Decodes a file, mixes it down to mono (mean of the channels) and resamples it to
     * {@code sampleRate} with {@link AudioResampler}.
     *
     * @param file       the audio file
     * @param sampleRate target rate in Hz, e.g. 16000
     * @return mono samples at {@code sampleRate}; length ceil(frames * sampleRate / fileRate)
     * @throws AudioFileException if the file cannot be read or decoded
     */
    public static float[] readMono(Path file, int sampleRate) throws AudioFileException {
        AudioClip clip = read(file);
        return AudioResampler.resample(clip.mono(), clip.sampleRate(), sampleRate);
    }

    private static byte[] readBytes(Path file) throws AudioFileException {
        try {
            if (Files.isDirectory(file)) {
                throw new AudioFileException(file, "is a directory; expected an audio file");
            }
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) {
                throw new AudioFileException(file, "file is " + size
                        + " bytes; files over 2 GiB are not supported");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, "no such file; expected an existing audio file", e);
        } catch (AccessDeniedException e) {
            throw new AudioFileException(file, "permission denied; expected a readable audio file", e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot be read (" + e + ")", e);
        }
    }

    private static String hexPrefix(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return "0x" + sb;
    }
}
