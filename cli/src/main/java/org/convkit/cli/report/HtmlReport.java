package org.convkit.cli.report;

import org.convkit.io.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An HTML page that shows the report's pictures and tables together; written via a temporary name. */
public final class HtmlReport {
    private final String title;
    private final List<String> body = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlReport heading(String text) {
        body.add("<h2>" + esc(text) + "</h2>");
        return this;
    }

    /** A paragraph of text. */
    public HtmlReport paragraph(String text) {
        body.add("<p>" + esc(text) + "</p>");
        return this;
    }

    /** A picture (relative path) with a caption. */
    public HtmlReport image(String relativePath, String caption) {
        body.add("<figure><img src=\"" + esc(relativePath) + "\" alt=\"" + esc(caption) + "\"><figcaption>" + esc(caption)
                + "</figcaption></figure>");
        return this;
    }

    /** A table: a header row and data rows. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><tr>");
        for (String h : header) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr>");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (String v : r) b.append("<td>").append(esc(v)).append("</td>");
            b.append("</tr>");
        }
        body.add(b.append("</table>").toString());
        return this;
    }

    /** Preformatted text (a model summary, a log excerpt). */
    public HtmlReport pre(String text) {
        body.add("<pre>" + esc(text) + "</pre>");
        return this;
    }

    /** Writes the page. */
    public void write(Path file) throws IOException {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title><style>"
                + "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0}figcaption{color:#555;font-size:90%}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th{background:#f4f4f4}pre{background:#f8f8f8;padding:1em;overflow-x:auto}"
                + "</style></head><body><h1>" + esc(title) + "</h1>\n" + String.join("\n", body) + "\n</body></html>\n";
        AtomicFile.write(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
