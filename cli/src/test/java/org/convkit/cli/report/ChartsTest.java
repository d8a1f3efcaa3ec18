package org.convkit.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's pictures are real PNGs of the expected size with something drawn on them. */
class ChartsTest {

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) c.add(img.getRGB(x, y));
        return c.size();
    }

    @Test
    void drawsCurvesConfusionSpectrogramAndAPage(@TempDir Path dir) throws Exception {
        Charts.lines(dir.resolve("loss.png"), "loss", "epoch", "loss", List.of(
                new Charts.Series("train", new double[]{1, 2, 3}, new double[]{1.0, 0.6, 0.4}),
                new Charts.Series("validation", new double[]{1, 2, 3}, new double[]{1.1, 0.8, 0.7})));
        Charts.confusion(dir.resolve("confusion.png"), "test", List.of("yes", "no", "up"),
                new long[][]{{9, 1, 0}, {2, 7, 1}, {0, 0, 10}});
        float[][] spec = new float[300][40];
        for (int t = 0; t < 300; t++) for (int b = 0; b < 40; b++) spec[t][b] = (float) Math.sin(t * 0.05 + b * 0.3);
        Charts.spectrogram(dir.resolve("spec.png"), "stream", spec, 0.01,
                List.of(new Charts.Span("yes", 0.5, 1.2)), List.of(new Charts.Span("yes", 0.6, 1.3)));
        for (String f : List.of("loss.png", "confusion.png", "spec.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(f).toFile());
            assertTrue(img.getWidth() >= 600 && img.getHeight() >= 450, f);
            assertTrue(distinctColours(img) > 10, f + " looks blank");
        }
        assertEquals(900, ImageIO.read(dir.resolve("loss.png").toFile()).getWidth());
        new HtmlReport("r & d").heading("Keyword spotting").image("loss.png", "loss <curve>")
                .table(List.of("model", "accuracy"), List.of(List.of("res8", "0.9"))).write(dir.resolve("index.html"));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<img src=\"loss.png\"") && html.contains("r &amp; d") && html.contains("loss &lt;curve&gt;"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary files left behind");
        }
    }
}
