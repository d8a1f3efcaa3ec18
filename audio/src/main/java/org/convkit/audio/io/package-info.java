/**
 * Audio decoding to float PCM, mono mix-down, resampling and WAV writing.
 *
 * <p>Entry points: {@link org.convkit.audio.io.AudioReader} (decode a file),
 * {@link org.convkit.audio.io.AudioResampler} (change the sample rate),
 * {@link org.convkit.audio.io.WavWriter} (write a WAV file atomically). Every decoding failure is an
 * {@link org.convkit.audio.io.AudioFileException} naming the file and what was expected.
 */
package org.convkit.audio.io;
