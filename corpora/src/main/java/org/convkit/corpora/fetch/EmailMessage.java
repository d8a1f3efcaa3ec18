package org.convkit.corpora.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject and readable body of a raw e-mail (RFC 5322 with MIME, RFC 2045-2047): headers are
 * unfolded, encoded words ({@code =?charset?B|Q?...?=}) decoded; the body is taken from the
 * {@code text/plain} parts (or, when there are none, the {@code text/html} parts with markup removed),
 * after undoing base64 or quoted-printable transfer encoding and decoding the declared charset.
 * Mail in the wild is messy, so an unknown charset falls back to ISO-8859-1 and undecodable bytes
 * become U+FFFD rather than errors.
 */
final class EmailMessage {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");
    private static final int MAX_DEPTH = 10;

    private final String subject;
    private final String body;

    private EmailMessage(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    /** Parses a raw message. */
    static EmailMessage parse(byte[] raw) {
        Part top = Part.split(raw);
        String subject = top.headers.getOrDefault("subject", "");
        List<String> plain = new ArrayList<>();
        List<String> html = new ArrayList<>();
        collect(top, plain, html, 0);
        String body = !plain.isEmpty() ? String.join("\n", plain) : stripHtml(String.join("\n", html));
        return new EmailMessage(decodeHeader(subject), body);
    }

    /** The decoded subject, empty if the message has none. */
    String subject() {
        return subject;
    }

    /** The readable body text. */
    String body() {
        return body;
    }

    /** Replaces every run of white space (including line ends and tabs) by one space and trims. */
    static String collapseWhitespace(String text) {
        return text.replaceAll("[\\s\\u00a0\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private static void collect(Part part, List<String> plain, List<String> html, int depth) {
        String type = part.contentType();
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            String boundary = part.parameter("content-type", "boundary");
            if (boundary != null) {
                for (byte[] child : splitMultipart(part.body, boundary)) {
                    collect(Part.split(child), plain, html, depth + 1);
                }
                return;
            }
        }
        if (type.startsWith("message/rfc822") && depth < MAX_DEPTH) {
            collect(Part.split(part.body), plain, html, depth + 1);
            return;
        }
        String disposition = part.headers.getOrDefault("content-disposition", "").toLowerCase(Locale.ROOT);
        if (disposition.startsWith("attachment")) {
            return;
        }
        if (type.equals("text/plain")) {
            plain.add(part.decodedText());
        } else if (type.equals("text/html")) {
            html.add(part.decodedText());
        }
    }

    private static List<byte[]> splitMultipart(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<byte[]> parts = new ArrayList<>();
        int position = 0;
        int start = -1;
        while (position <= text.length()) {
            int lineEnd = text.indexOf('\n', position);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(position, lineEnd).stripTrailing();
            if (line.startsWith(delimiter)) {
                if (start >= 0) {
                    int end = Math.max(start, position - 1); // drop the line end before the delimiter
                    parts.add(text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1));
                }
                if (line.startsWith(delimiter + "--")) {
                    return parts;
                }
                start = lineEnd + 1;
            }
            position = lineEnd + 1;
        }
        if (start >= 0 && start < text.length()) { // no closing delimiter: keep the last part
            parts.add(text.substring(start).getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    /** Decodes RFC 2047 encoded words in a header value and collapses its white space. */
    static String decodeHeader(String value) {
        String joined = BETWEEN_ENCODED_WORDS.matcher(value).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String decoded;
            try {
                byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? Base64.getMimeDecoder().decode(padBase64(m.group(3)))
                    : decodeQuotedPrintable(m.group(3).replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1));
                decoded = new String(bytes, charset(m.group(1)));
            } catch (IllegalArgumentException e) {
                decoded = m.group(); // not decodable: keep it as written
            }
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return collapseWhitespace(out.toString());
    }

    private static String padBase64(String s) {
        int pad = (4 - s.length() % 4) % 4;
        return pad == 3 ? s.substring(0, s.length() - 1) : s + "=".repeat(pad);
    }

    static byte[] decodeQuotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '=') {
                if (i + 1 < in.length && (in[i + 1] == '\n' || in[i + 1] == '\r')) { // soft line break
                    i++;
                    if (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                        i++;
                    }
                    continue;
                }
                if (i + 2 < in.length) {
                    int hi = Character.digit(in[i + 1], 16);
                    int lo = Character.digit(in[i + 2], 16);
                    if (hi >= 0 && lo >= 0) {
                        out.write(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    static String stripHtml(String html) {
        String text = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1\\s*>", " ")
            .replaceAll("(?s)<!--.*?-->", " ")
            .replaceAll("(?s)<[^>]*>", " ");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
            .replace("&#39;", "'").replace("&apos;", "'");
        Matcher numeric = Pattern.compile("&#(\\d{1,6});").matcher(text);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int code = Integer.parseInt(numeric.group(1));
            String replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : " ";
            numeric.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        numeric.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    static Charset charset(String name) {
        try {
            String n = name.strip().replace("\"", "");
            return n.isEmpty() || n.equalsIgnoreCase("us-ascii") ? StandardCharsets.ISO_8859_1 : Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** A MIME entity: unfolded headers (lower-case names, first occurrence kept) and raw body bytes. */
    private static final class Part {
        final Map<String, String> headers;
        final byte[] body;

        private Part(Map<String, String> headers, byte[] body) {
            this.headers = headers;
            this.body = body;
        }

        static Part split(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int bodyStart = text.length();
            int headerEnd = text.length();
            int position = 0;
            while (position < text.length()) {
                int lineEnd = text.indexOf('\n', position);
                if (lineEnd < 0) {
                    lineEnd = text.length();
                }
                if (text.substring(position, lineEnd).strip().isEmpty()) {
                    headerEnd = position;
                    bodyStart = Math.min(text.length(), lineEnd + 1);
                    break;
                }
                position = lineEnd + 1;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String name = null;
            StringBuilder value = new StringBuilder();
            for (String line : text.substring(0, headerEnd).split("\n")) {
                String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t') && name != null) {
                    value.append(' ').append(l.strip());
                    continue;
                }
                if (name != null) {
                    headers.putIfAbsent(name, value.toString().strip());
                }
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).indexOf(' ') < 0) {
                    name = l.substring(0, colon).toLowerCase(Locale.ROOT);
                    value.setLength(0);
                    value.append(l.substring(colon + 1));
                } else {
                    name = null; // the mbox "From " line or junk
                }
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString().strip());
            }
            byte[] body = text.substring(bodyStart).getBytes(StandardCharsets.ISO_8859_1);
            return new Part(headers, body);
        }

        String contentType() {
            String type = headers.getOrDefault("content-type", "text/plain");
            int semicolon = type.indexOf(';');
            return (semicolon >= 0 ? type.substring(0, semicolon) : type).strip().toLowerCase(Locale.ROOT);
        }

        String parameter(String header, String parameter) {
            String value = headers.get(header);
            if (value == null) {
                return null;
            }
            Matcher m = Pattern.compile("(?i)(?:^|;)\\s*" + parameter + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)").matcher(value);
            if (!m.find()) {
                return null;
            }
            return m.group(2) != null ? m.group(2) : m.group(1);
        }

        String decodedText() {
            String encoding = headers.getOrDefault("content-transfer-encoding", "").strip().toLowerCase(Locale.ROOT);
            byte[] bytes = body;
            if (encoding.equals("base64")) {
                try {
                    bytes = Base64.getMimeDecoder().decode(new String(body, StandardCharsets.ISO_8859_1).strip());
                } catch (IllegalArgumentException e) {
                    bytes = body; // broken base64: keep the raw text
                }
            } else if (encoding.equals("quoted-printable")) {
                bytes = decodeQuotedPrintable(body);
            }
            String charsetName = parameter("content-type", "charset");
            return new String(bytes, charsetName == null ? StandardCharsets.ISO_8859_1 : charset(charsetName));
        }
    }
}
