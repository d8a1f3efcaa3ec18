package org.convkit.corpora.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    private static EmailMessage parse(String raw) {
        return EmailMessage.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void unfoldsTheSubjectAndKeepsAPlainBody() {
        EmailMessage m = parse("From someone@example.com  Thu Aug 22 12:36:23 2002\n"
            + "Return-Path: <a@example.com>\nSubject: Re: New Sequences\n  Window\nTo: b@example.com\n\n"
            + "    Date:        Wed, 21 Aug 2002\n  Hello there.\n");
        assertEquals("Re: New Sequences Window", m.subject());
        assertEquals("Date: Wed, 21 Aug 2002 Hello there.", EmailMessage.collapseWhitespace(m.body()));
    }

    @Test
    void decodesEncodedWordsInBase64AndQuotedPrintable() {
        // "Café" in ISO-8859-1 quoted-printable, then "größe" in UTF-8 base64; the space between adjacent words is dropped
        EmailMessage m = parse("Subject: =?iso-8859-1?Q?Caf=E9_au_lait?= =?utf-8?B?Z3LDtsOfZQ==?= now\n\nbody\n");
        assertEquals("Café au laitgröße now", m.subject());
        assertEquals("plain =?x", EmailMessage.decodeHeader("plain =?x"));
    }

    @Test
    void takesThePlainPartOfAMultipartMessageAndDecodesTransferEncodings() {
        String raw = "Subject: offer\nContent-Type: multipart/alternative; boundary=\"XYZ\"\n\npreamble\n"
            + "--XYZ\nContent-Type: text/plain; charset=\"iso-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "Price: 10 =80 na=EFve soft=\nbreak\n"
            + "--XYZ\nContent-Type: text/html\n\n<p>ignored html</p>\n"
            + "--XYZ\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nU2Vjb25kIHBhcnQ=\n"
            + "--XYZ--\nepilogue\n";
        EmailMessage m = parse(raw);
        assertEquals("Price: 10 \u0080 naïve softbreak Second part", EmailMessage.collapseWhitespace(m.body()));
    }

    @Test
    void stripsMarkupFromAnHtmlOnlyMessage() {
        String raw = "Subject: Win!\nContent-Type: text/html\n\n<html><head><style>p {color: red}</style></head>"
            + "<body><p>Click&nbsp;<a href=\"x\">here</a> &amp; win &#36;1000 &lt;now&gt;</p><!-- hidden --></body></html>\n";
        assertEquals("Click here & win $1000 <now>", EmailMessage.collapseWhitespace(parse(raw).body()));
    }

    @Test
    void aMessageWithoutSubjectHasAnEmptyOne() {
        EmailMessage m = parse("From: a@b\n\nhello\n");
        assertEquals("", m.subject());
        assertTrue(m.body().contains("hello"));
        assertEquals("a b c", EmailMessage.collapseWhitespace(" a\t\r\nb\u00a0 c "));
    }
}
