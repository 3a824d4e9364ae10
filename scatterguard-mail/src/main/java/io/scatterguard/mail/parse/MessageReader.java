package io.scatterguard.mail.parse;

import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.internal.BoundedInputStream;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import io.scatterguard.mail.parse.internal.HtmlText;
import io.scatterguard.mail.parse.internal.LineEndingInputStream;
import io.scatterguard.mail.parse.internal.TextDecoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads one raw message into a {@link ParsedMessage} with Apache James mime4j's streaming parser.
 *
 * <p>Accepts CRLF, LF and CR-only line endings, a leading mbox {@code From } line, broken MIME
 * (mime4j in lenient mode) and any size: what exceeds {@link ReadLimits} is skipped and named in
 * the notes. Thread-safe; one instance can serve all threads.
 */
public final class MessageReader {
    private final ReadLimits limits;
    private final MimeConfig config;

    public MessageReader() {
        this(ReadLimits.defaults());
    }

    public MessageReader(ReadLimits limits) {
        this.limits = limits;
        this.config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1)
                .setMaxContentLen(-1)
                .setMalformedHeaderStartsBody(false)
                .build();
    }

    public ParsedMessage read(byte[] raw) {
        try {
            return read(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen for a byte array", e);
        }
    }

    /** How much is looked at, at a time, for blank lines and an mbox "From " line before the header. */
    private static final int LEAD_CHUNK = 512;

    /** Reads the whole stream (up to the byte limit). IO errors of the source propagate. */
    public ParsedMessage read(InputStream source) throws IOException {
        BoundedInputStream bounded = new BoundedInputStream(source, limits.maxInputBytes());
        // mime4j closes its input when done; the caller owns the source, and we still drain it.
        PushbackInputStream in = new PushbackInputStream(new LineEndingInputStream(bounded), LEAD_CHUNK) {
            @Override
            public void close() {}
        };
        String envelopeSender = skipMboxFromLine(in);
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        Collector collector = new Collector(limits, deadline);
        parse(in, collector);
        drain(bounded);
        recoverLostBoundary(collector, deadline);
        if (bounded.truncated()) collector.notes.add("input: cut at " + limits.maxInputBytes() + " bytes");
        Headers headers = collector.top == null ? Headers.empty() : collector.top;
        if (bounded.count() == 0) {
            collector.notes.add("mime: empty input");
        } else if (headers.isEmpty()) {
            collector.notes.add("mime: no header fields found: not an email message?");
        }
        if (envelopeSender == null) envelopeSender = returnPath(headers);
        return new ParsedMessage(headers, List.copyOf(collector.parts), List.copyOf(collector.embedded),
                collector.body.toString(), envelopeSender, bounded.count(), List.copyOf(collector.notes));
    }

    private void parse(InputStream in, Collector collector) throws IOException {
        MimeStreamParser parser = new MimeStreamParser(config, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(true);
        parser.setContentHandler(collector);
        collector.parser = parser;
        try {
            parser.parse(in);
        } catch (MimeException | RuntimeException e) {
            collector.notes.add("mime: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            collector.notes.add("mime: nesting too deep to follow");
        }
    }

    private static final Pattern BOUNDARY_LINE = Pattern.compile("(?m)^--([^\\s]{1,200})[ \\t]*$");

    /**
     * A multipart message whose declared boundary never occurs (hand-edited or anonymised mail) has
     * all its content in the preamble. Re-read the preamble with the boundary its own lines use, or,
     * without one, as plain text, so that nothing the sender wrote is lost.
     */
    private void recoverLostBoundary(Collector c, long deadline) throws IOException {
        if (!c.parts.isEmpty() || c.top == null || c.preamble.isEmpty()
                || !MimeTypes.mimeType(c.top.get("Content-Type")).startsWith("multipart/")) {
            return;
        }
        String text = c.preamble.toString();
        Matcher m = BOUNDARY_LINE.matcher(text);
        if (m.find()) {
            String synthetic = "Content-Type: multipart/mixed; boundary=\"" + m.group(1) + "\"\n\n" + text;
            Collector again = new Collector(limits, deadline);
            parse(new java.io.ByteArrayInputStream(synthetic.getBytes(StandardCharsets.UTF_8)), again);
            c.parts.addAll(again.parts);
            c.embedded.addAll(again.embedded);
            c.body.append(again.body);
            c.notes.add("mime: declared boundary not found; read the parts with the boundary used in the body");
        } else {
            c.parts.add(new Part("text/plain", Headers.empty(), text, 0));
            c.body.append(text);
            c.notes.add("mime: declared boundary not found; body read as plain text");
        }
    }

    /**
     * Consumes what mime4j left unread (it stops after the last part it needs) so that the size is
     * true and a stream such as stdin ends where the message ends; the byte limit still applies.
     */
    private static void drain(BoundedInputStream in) throws IOException {
        // Read, not skip: InputStream.skip may move past the end of a file and report bytes that do not exist.
        if (in.read() < 0) return;
        byte[] buf = new byte[8192];
        while (in.read(buf, 0, buf.length) >= 0) {
            // discard
        }
    }

    /**
     * Skips blank or whitespace-only lines before the header (saved messages sometimes start with
     * them, and mime4j would take the message for headerless), then consumes an mbox
     * "From sender date" line if present; returns that sender, else null.
     */
    private static String skipMboxFromLine(PushbackInputStream in) throws IOException {
        byte[] lead = new byte[LEAD_CHUNK];
        while (true) { // small chunks: most messages have no blank lines in front, and this runs for every one
            int n0 = in.readNBytes(lead, 0, lead.length);
            int start = 0;
            boolean text = false;
            for (int i = 0; i < n0; i++) {
                byte b = lead[i];
                if (b == '\n') {
                    start = i + 1;
                } else if (b != ' ' && b != '\t') {
                    text = true;
                    break;
                }
            }
            if (n0 > start) in.unread(lead, start, n0 - start);
            if (text || n0 < lead.length || start < n0) break; // found the first line, the end, or a partial blank line
        }
        byte[] head = new byte[5];
        int n = in.readNBytes(head, 0, 5);
        if (n == 5 && head[0] == 'F' && head[1] == 'r' && head[2] == 'o' && head[3] == 'm' && head[4] == ' ') {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.length() < 4096) line.append((char) b);
            String s = line.toString().strip();
            int sp = s.indexOf(' ');
            String sender = sp < 0 ? s : s.substring(0, sp);
            return sender.equals("MAILER-DAEMON") ? "" : sender;
        }
        if (n > 0) in.unread(head, 0, n);
        return null;
    }

    private static String returnPath(Headers h) {
        return h.first("Return-Path").map(v -> {
            String t = v.strip();
            if (t.equals("<>")) return "";
            return io.scatterguard.mail.model.Addresses.extract(t);
        }).orElse(null);
    }

    /** Receives mime4j's events and keeps only what the analysis needs, within the limits. */
    private static final class Collector implements ContentHandler {
        private final ReadLimits limits;
        private final long deadline;
        MimeStreamParser parser;
        final List<Part> parts = new ArrayList<>();
        final List<EmbeddedMessage> embedded = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final StringBuilder body = new StringBuilder();
        final StringBuilder preamble = new StringBuilder();
        Headers top;

        private int messageDepth = -1; // 0 = the outer message
        private int multipartDepth;
        private boolean inMessageHeader; // the next header block opens a message, not a body part
        private Headers.Builder current;
        private Headers lastHeaders = Headers.empty();
        private boolean lastWasMessageHeader;
        private boolean bodyFull;
        private boolean depthNoted;

        Collector(ReadLimits limits, long deadline) {
            this.limits = limits;
            this.deadline = deadline;
        }

        private boolean tooDeep() {
            return messageDepth > limits.maxMessageDepth();
        }

        private void checkTime() {
            if (System.nanoTime() > deadline) {
                notes.add("time: reading stopped after " + limits.timeLimit().toMillis() + " ms");
                parser.stop();
            }
        }

        @Override
        public void startMessage() {
            messageDepth++;
            inMessageHeader = true;
            if (tooDeep() && !depthNoted) {
                depthNoted = true;
                notes.add("depth: message/rfc822 nested deeper than " + limits.maxMessageDepth() + " not analysed");
            }
        }

        @Override
        public void endMessage() {
            messageDepth--;
        }

        @Override
        public void startBodyPart() {
            inMessageHeader = false;
        }

        @Override
        public void endBodyPart() {}

        @Override
        public void startHeader() {
            current = new Headers.Builder();
        }

        @Override
        public void field(Field field) {
            if (current.size() >= limits.maxHeaderFields()) return;
            current.add(field.getName(), HeaderBlocks.decodeValue(field));
        }

        @Override
        public void endHeader() {
            Headers h = current.build();
            current = null;
            lastHeaders = h;
            lastWasMessageHeader = inMessageHeader;
            inMessageHeader = false;
            if (top == null) {
                top = h;
                return;
            }
            if (tooDeep()) return;
            if (lastWasMessageHeader && messageDepth >= 1) {
                embedded.add(new EmbeddedMessage(h, "message/rfc822", messageDepth));
                appendBody("Content-Type: message/rfc822\n\n");
                appendBody(h.toString());
                appendBody("\n");
            }
        }

        @Override
        public void preamble(InputStream is) throws IOException {
            // Kept only for the outer multipart: it holds everything when the boundary is broken.
            if (messageDepth == 0 && multipartDepth == 1 && preamble.isEmpty()) {
                byte[] bytes = is.readNBytes(limits.maxBodyText());
                preamble.append(TextDecoding.utf8OrLatin(bytes, bytes.length));
            }
        }

        @Override
        public void epilogue(InputStream is) {}

        @Override
        public void startMultipart(BodyDescriptor bd) {
            multipartDepth++;
        }

        @Override
        public void endMultipart() {
            multipartDepth--;
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            checkTime();
            if (tooDeep()) return;
            String mime = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            if (parts.size() >= limits.maxParts()) {
                if (parts.size() == limits.maxParts()) notes.add("parts: more than " + limits.maxParts() + " parts, rest skipped");
                return;
            }
            String text = null;
            if (isTextual(mime)) {
                // readNBytes(int) grows its buffer as needed: small parts stay cheap, big ones stop at the cap.
                byte[] bytes = is.readNBytes(limits.maxPartText());
                if (bytes.length == limits.maxPartText() && is.read() >= 0) {
                    notes.add("part: " + mime + " text cut at " + bytes.length + " bytes");
                }
                text = TextDecoding.decode(bytes, bytes.length, bd.getCharset());
                if (mime.equals("text/html")) text = HtmlText.toText(text);
            }
            boolean outerSinglePart = messageDepth == 0 && multipartDepth == 0;
            boolean embeddedSinglePart = lastWasMessageHeader && messageDepth >= 1;
            parts.add(new Part(mime, lastWasMessageHeader && !outerSinglePart ? Headers.empty() : lastHeaders, text, messageDepth));
            if (text == null) return;
            if (mime.equals("text/rfc822-headers") || mime.equals("message/rfc822-headers")
                    || mime.equals("message/global-headers")) {
                embedded.add(new EmbeddedMessage(HeaderBlocks.parse(text), mime, messageDepth + 1));
            }
            if (!outerSinglePart && !embeddedSinglePart) appendBody("Content-Type: " + mime + "\n");
            appendBody(text);
            if (!text.endsWith("\n")) appendBody("\n");
        }

        @Override
        public void raw(InputStream is) {}

        private void appendBody(String s) {
            if (bodyFull) return;
            int room = limits.maxBodyText() - body.length();
            if (s.length() > room) {
                body.append(s, 0, Math.max(0, room));
                bodyFull = true;
                notes.add("body: flattened text cut at " + limits.maxBodyText() + " characters");
            } else {
                body.append(s);
            }
        }

        private static boolean isTextual(String mime) {
            if (mime.startsWith("text/")) return true;
            return switch (mime) {
                case "message/delivery-status", "message/global-delivery-status", "message/feedback-report",
                        "message/disposition-notification", "message/global-disposition-notification",
                        "message/rfc822-headers", "message/global-headers", "message/partial",
                        "message/external-body" -> true;
                default -> false;
            };
        }
    }
}
