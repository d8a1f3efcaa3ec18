package org.convkit.cli.report;

import smile.plot.swing.Canvas;
import smile.plot.swing.Heatmap;
import smile.plot.swing.Label;
import smile.plot.swing.Legend;
import smile.plot.swing.Line;
import smile.plot.swing.LinePlot;

import org.convkit.io.AtomicFile;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's pictures, drawn headless with Smile's plotting (Java2D into a BufferedImage) and
 * written as PNG through a temporary name.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A named series of (x, y) points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** A labelled time span on a spectrogram (a detection or a true keyword). */
    public record Span(String label, double start, double end) {
    }

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

    private Charts() {
    }

    /** Line chart of several series (e.g. training and validation loss per epoch). */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<Legend> legends = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.x().length == 0) continue;
            double[][] pts = new double[s.x().length][];
            for (int k = 0; k < pts.length; k++) pts[k] = new double[]{s.x()[k], s.y()[k]};
            Color c = COLORS[i % COLORS.length];
            lines.add(new Line(pts, i == 0 ? Line.Style.SOLID : Line.Style.DASH, 'o', c));
            legends.add(new Legend(s.name(), c));
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("chart '" + title + "' has no points");
        Canvas c = new LinePlot(lines.toArray(Line[]::new), legends.toArray(Legend[]::new)).canvas();
        c.setTitle(title);
        c.setAxisLabels(xLabel, yLabel);
        write(png, c.toBufferedImage(900, 540));
    }

    /** As {@link #confusion(Path, String, List, long[][])} for int counts. */
    public static void confusion(Path png, String title, List<String> labels, int[][] counts) throws IOException {
        long[][] l = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) l[i] = java.util.Arrays.stream(counts[i]).asLongStream().toArray();
        confusion(png, title, labels, l);
    }

    /** A confusion matrix as a heat map, rows = true class, columns = predicted, counts written in the cells. */
    public static void confusion(Path png, String title, List<String> labels, long[][] counts) throws IOException {
        int k = labels.size();
        double[][] z = new double[k][k];
        long max = 1;
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) max = Math.max(max, counts[i][j]);
        // Row-normalised shares, so classes of different sizes read alike; the counts are printed on top.
        for (int i = 0; i < k; i++) {
            long row = 0;
            for (int j = 0; j < k; j++) row += counts[i][j];
            for (int j = 0; j < k; j++) z[i][j] = row == 0 ? 0 : (double) counts[i][j] / row;
        }
        String[] names = labels.toArray(String[]::new);
        Canvas c = new Heatmap(names, names, z, palette(64)).canvas();
        c.setTitle(title);
        c.setAxisLabels("predicted (colour: share of the true row)", "true");
        int size = Math.max(700, 60 * k + 200);
        write(png, c.toBufferedImage(size + 250, size));
    }

    /**
     * A spectrogram ({@code frames x bands}, frame {@code t} at {@code t * frameSeconds}) with spans
     * drawn on the time axis: the truth as green bars below, detections as red bars above.
     */
    public static void spectrogram(Path png, String title, float[][] frames, double frameSeconds, List<Span> truth,
                                   List<Span> detections) throws IOException {
        int t = frames.length, b = frames[0].length;
        double[] xs = new double[t], ys = new double[b];
        for (int i = 0; i < t; i++) xs[i] = i * frameSeconds;
        for (int j = 0; j < b; j++) ys[j] = j;
        double[][] z = new double[b][t];
        for (int i = 0; i < t; i++) for (int j = 0; j < b; j++) z[b - 1 - j][i] = frames[i][j];
        Canvas c = new Heatmap(xs, ys, z, palette(64)).canvas();
        c.setTitle(title);
        c.setAxisLabels("time (s)", "mel band");
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        addSpans(c, truth, -2.5, new Color(0, 140, 0), f);
        addSpans(c, detections, b + 1.5, new Color(200, 0, 0), f);
        c.extendBound(new double[]{0, -5}, new double[]{t * frameSeconds, b + 5});
        write(png, c.toBufferedImage(Math.min(2400, Math.max(1000, t / 2)), 480));
    }

    private static void addSpans(Canvas c, List<Span> spans, double y, Color color, Font f) {
        for (Span s : spans) {
            c.add(new Line(new double[][]{{s.start(), y}, {s.end(), y}}, Line.Style.SOLID, ' ', color));
            c.add(new Line(new double[][]{{s.start(), y - 1}, {s.start(), y + 1}}, Line.Style.SOLID, ' ', color));
            c.add(new Line(new double[][]{{s.end(), y - 1}, {s.end(), y + 1}}, Line.Style.SOLID, ' ', color));
            c.add(new Label(s.label(), new double[]{(s.start() + s.end()) / 2, y + (y < 0 ? -1.5 : 1.5)}, 0.5, 0.5, 0.0, f, color));
        }
    }

    /** A blue-to-yellow palette ("viridis"-like) of {@code n} colours. */
    static Color[] palette(int n) {
        float[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        Color[] p = new Color[n];
        for (int i = 0; i < n; i++) {
            double u = (double) i / (n - 1) * (stops.length - 1);
            int k = Math.min(stops.length - 2, (int) u);
            double f = u - k;
            p[i] = new Color((int) (stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
                    (int) (stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
                    (int) (stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
        }
        return p;
    }

    static void write(Path png, BufferedImage img) throws IOException {
        AtomicFile.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer for " + png);
        });
    }
}
