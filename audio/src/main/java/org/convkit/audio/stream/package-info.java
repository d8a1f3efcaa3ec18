/**
 * Streaming keyword detection: {@link org.convkit.audio.stream.KeywordSpotter} keeps one second of
 * features updated every hop from a {@link org.convkit.audio.stream.StreamSource} (a WAV file or the
 * default microphone through TarsosDSP), runs a {@link org.convkit.audio.kws.KwsModel} every N ms,
 * smooths the posteriors and emits {@link org.convkit.audio.stream.Detection}s with a refractory
 * period; {@link org.convkit.audio.stream.StreamingEvaluation} measures hits, misses and false alarms
 * per hour on a generated long recording. See {@code audio/KWS.md}.
 */
package org.convkit.audio.stream;
