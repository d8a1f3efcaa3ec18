package org.convkit.text.preprocess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Properties;

import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Loads the English Universal Dependencies (EWT) models that the {@code opennlp-models-*-en 1.3.0}
 * jars place at the root of the classpath, once per JVM. OpenNLP models are immutable after
 * loading and may be shared by any number of {@code *ME} instances.
 *
 * <p>Each model jar also carries a {@code model.properties} naming its model file and that file's
 * SHA-256; since every model jar uses the same resource name, all of them are scanned for the one
 * describing the requested file, and the bytes are checked against it before parsing.
 */
final class EnglishUdModels {

    static final String SENTENCE_MODEL_RESOURCE = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    static final String TOKENIZER_MODEL_RESOURCE = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

    private static volatile SentenceModel sentenceModel;
    private static volatile TokenizerModel tokenizerModel;

    private EnglishUdModels() {
    }

    /**
     * Returns the shared English UD sentence detection model, loading it on first use.
     *
     * @return the model
     * @throws UncheckedIOException if the resource is missing, corrupt or fails its checksum
     */
    static SentenceModel sentenceModel() {
        SentenceModel model = sentenceModel;
        if (model == null) {
            synchronized (EnglishUdModels.class) {
                model = sentenceModel;
                if (model == null) {
                    byte[] bytes = readVerified(SENTENCE_MODEL_RESOURCE, "opennlp-models-sentdetect-en");
                    try {
                        model = new SentenceModel(new ByteArrayInputStream(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot parse OpenNLP sentence model "
                            + SENTENCE_MODEL_RESOURCE, e);
                    }
                    sentenceModel = model;
                }
            }
        }
        return model;
    }

    /**
     * Returns the shared English UD tokenizer model, loading it on first use.
     *
     * @return the model
     * @throws UncheckedIOException if the resource is missing, corrupt or fails its checksum
     */
    static TokenizerModel tokenizerModel() {
        TokenizerModel model = tokenizerModel;
        if (model == null) {
            synchronized (EnglishUdModels.class) {
                model = tokenizerModel;
                if (model == null) {
                    byte[] bytes = readVerified(TOKENIZER_MODEL_RESOURCE, "opennlp-models-tokenizer-en");
                    try {
                        model = new TokenizerModel(new ByteArrayInputStream(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot parse OpenNLP tokenizer model "
                            + TOKENIZER_MODEL_RESOURCE, e);
                    }
                    tokenizerModel = model;
                }
            }
        }
        return model;
    }

    private static byte[] readVerified(String resource, String artifactId) {
        ClassLoader loader = EnglishUdModels.class.getClassLoader();
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("OpenNLP model resource '" + resource
                    + "' not found on the classpath; expected it in org.apache.opennlp:" + artifactId
                    + ":1.3.0"));
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenNLP model resource '" + resource + "'", e);
        }
        String expected = expectedSha256(loader, resource);
        if (expected != null) {
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new UncheckedIOException(new IOException("OpenNLP model resource '" + resource
                    + "' has SHA-256 " + actual + " but its model.properties expects " + expected
                    + "; the model jar is corrupt"));
            }
        }
        return bytes;
    }

    /** Finds the model.properties whose model.name is {@code resource}; null when none does. */
    private static String expectedSha256(ClassLoader loader, String resource) {
        try {
            Enumeration<URL> candidates = loader.getResources("model.properties");
            while (candidates.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = candidates.nextElement().openStream()) {
                    properties.load(in);
                }
                if (resource.equals(properties.getProperty("model.name"))) {
                    return properties.getProperty("model.sha256");
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model.properties for '" + resource + "'", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
