/**
 * Audio corpora: Google Speech Commands v1/v2 ({@link org.convkit.corpora.speech.SpeechCommandsCorpus},
 * its split rule {@link org.convkit.corpora.speech.SpeechCommandsSplit} and its tasks
 * {@link org.convkit.corpora.speech.SpeechCommandsTask}), a generic one-folder-per-label corpus
 * ({@link org.convkit.corpora.speech.FolderPerLabelCorpus}), CSV/TSV manifests
 * ({@link org.convkit.corpora.speech.AudioManifest}) and a pure-Java WAV reader and writer
 * ({@link org.convkit.corpora.speech.WavFile}) that reports a wrong format with the file name.
 */
package org.convkit.corpora.speech;
