package io.scatterguard.gateway.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads policy requests from one connection: {@code name=value} lines ended by LF (a CR before it
 * is dropped), each request ended by an empty line. Bounded: a line longer than
 * {@link #MAX_LINE}, a request larger than {@link #MAX_REQUEST} bytes or with more than
 * {@link #MAX_ATTRIBUTES} attributes is refused before more is read. Postfix's own requests are a
 * few hundred bytes.
 */
public final class PolicyReader {
    public static final int MAX_LINE = 8 * 1024;
    public static final int MAX_REQUEST = 64 * 1024;
    public static final int MAX_ATTRIBUTES = 256;

    private final InputStream in;

    public PolicyReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next request, or null when the client closed the connection between requests.
     *
     * @throws PolicyProtocolException for a line without '=', limits exceeded, or a connection
     *                                 closed in the middle of a request
     */
    public PolicyRequest read() throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        int total = 0;
        int lines = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines == 0 && line.size() == 0) return null;
                throw new PolicyProtocolException("the connection ended in the middle of a request (after " + lines
                        + " lines)");
            }
            if (++total > MAX_REQUEST) throw new PolicyProtocolException("request larger than " + MAX_REQUEST + " bytes");
            if (b != '\n') {
                if (line.size() >= MAX_LINE) {
                    throw new PolicyProtocolException("line longer than " + MAX_LINE + " bytes in a request");
                }
                line.write(b);
                continue;
            }
            byte[] raw = line.toByteArray();
            line.reset();
            int len = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
            if (len == 0) {
                if (lines == 0) continue; // stray empty lines between requests
                return new PolicyRequest(attributes);
            }
            lines++;
            String text = new String(raw, 0, len, StandardCharsets.UTF_8);
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new PolicyProtocolException("not a name=value line: '" + printable(text) + "'");
            }
            attributes.put(text.substring(0, eq), text.substring(eq + 1));
            if (attributes.size() > MAX_ATTRIBUTES) {
                throw new PolicyProtocolException("more than " + MAX_ATTRIBUTES + " attributes in a request");
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
