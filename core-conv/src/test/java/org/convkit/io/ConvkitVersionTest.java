package org.convkit.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvkitVersionTest {

    /** Surefire runs tests in the module directory; the parent pom is one level up. */
    @Test
    void matchesTheVersionInTheParentPom() throws IOException {
        Path pom = Path.of("..", "pom.xml");
        assertTrue(Files.exists(pom), "parent pom not found from " + Path.of("").toAbsolutePath());
        String text = Files.readString(pom);
        Matcher m = Pattern.compile("<artifactId>convkit-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(text);
        assertTrue(m.find(), "no convkit-parent version in " + pom);
        assertEquals(m.group(1), ConvkitVersion.VERSION);
    }
}
