package org.convkit.corpora;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts of a corpus per label and split, and for audio also per speaker and per voice.
 *
 * @param labels   examples per label and split
 * @param speakers examples per speaker and split (empty for text)
 * @param voices   examples per voice and split, where a speaker-to-voice table is known (the synthetic
 *                 corpus's {@code speakers.tsv}); otherwise empty
 */
public record CorpusStats(CountTable labels, CountTable speakers, CountTable voices) {

    /**
     * Counts an audio corpus.
     *
     * @param examples   the examples (the stream is consumed, not closed)
     * @param voiceNames speaker id to a voice description; may be empty
     * @return the counts
     */
    public static CorpusStats ofAudio(Stream<AudioExample> examples, Map<String, String> voiceNames) {
        CountTable labels = new CountTable("label");
        CountTable speakers = new CountTable("speaker");
        CountTable voices = new CountTable("voice");
        examples.forEach(e -> {
            labels.add(e.label(), e.split());
            speakers.add(e.speaker().isEmpty() ? "(none)" : e.speaker(), e.split());
            String voice = voiceNames.get(e.speaker());
            if (voice != null) {
                voices.add(voice, e.split());
            }
        });
        return new CorpusStats(labels, speakers, voices);
    }

    /**
     * Counts a text corpus.
     *
     * @param examples the examples (consumed, not closed)
     * @return the counts; the speaker and voice tables are empty
     */
    public static CorpusStats ofText(Stream<TextExample> examples) {
        CountTable labels = new CountTable("label");
        examples.forEach(e -> labels.add(e.label(), e.split()));
        return new CorpusStats(labels, new CountTable("speaker"), new CountTable("voice"));
    }

    /**
     * Prints the tables: per label; per voice when known, otherwise per speaker; and how many speakers
     * each split has.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.println("Examples per label and split:");
        labels.print(out);
        if (voices.size() > 0) {
            out.println();
            out.println("Examples per voice and split:");
            voices.print(out);
        } else if (speakers.size() > 0 && speakers.size() <= 200) {
            out.println();
            out.println("Examples per speaker and split:");
            speakers.print(out);
        }
        if (speakers.size() > 0) {
            out.println();
            for (Split split : Split.values()) {
                long n = speakers.asMap().values().stream().filter(row -> row.get(split) > 0).count();
                out.printf("speakers in %-10s %d%n", split.label() + ":", n);
            }
        }
    }
}
