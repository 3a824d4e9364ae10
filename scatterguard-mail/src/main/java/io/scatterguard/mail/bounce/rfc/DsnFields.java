package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 3464 (RFC 1894) delivery-status fields, leniently, for the RFC 3464 parser and for the
 * MTA parsers whose reports embed a delivery-status part.
 *
 * <p>Tolerates what real MTAs write: missing blank lines between recipient blocks (a repeated
 * recipient field starts a new block), {@code Final-Recipient: <addr>} without a type, upper-case
 * types, comments after the status code, folded {@code Diagnostic-Code} values, and
 * {@code X-Actual-Recipient} in place of an unusable {@code Final-Recipient}. Lines that are not
 * delivery-status fields are ignored, so the same reader also works on status lines found inline in
 * a text part.
 */
public final class DsnFields {
    private DsnFields() {}

    private enum F {
        REPORTING_MTA, RECEIVED_FROM_MTA, ARRIVAL_DATE,
        FINAL_RECIPIENT, ORIGINAL_RECIPIENT, ACTUAL_RECIPIENT, ACTION, STATUS, REMOTE_MTA, DIAGNOSTIC,
        LAST_ATTEMPT, WILL_RETRY
    }

    private static final Map<String, F> FIELDS = Map.ofEntries(
            Map.entry("reporting-mta", F.REPORTING_MTA),
            Map.entry("received-from-mta", F.RECEIVED_FROM_MTA),
            Map.entry("arrival-date", F.ARRIVAL_DATE),
            Map.entry("final-recipient", F.FINAL_RECIPIENT),
            Map.entry("original-recipient", F.ORIGINAL_RECIPIENT),
            Map.entry("x-actual-recipient", F.ACTUAL_RECIPIENT),
            Map.entry("action", F.ACTION),
            Map.entry("status", F.STATUS),
            Map.entry("remote-mta", F.REMOTE_MTA),
            Map.entry("diagnostic-code", F.DIAGNOSTIC),
            Map.entry("last-attempt-date", F.LAST_ATTEMPT),
            Map.entry("will-retry-until", F.WILL_RETRY));

    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9._-]{0,24})\\s*;\\s*");
    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "(?im)^(?:final-recipient|original-recipient|x-actual-recipient)[ \\t]*:");
    private static final Pattern REPORTING_LINE = Pattern.compile("(?im)^reporting-mta[ \\t]*:");
    private static final int MAX_LINE = 4000;

    /** Reads every delivery-status field in {@code text}. */
    public static DsnReport read(String text) {
        if (text == null || text.isEmpty()) return DsnReport.EMPTY;
        Reader r = new Reader();
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            r.line(text.substring(start, Math.min(lineEnd, start + MAX_LINE)));
            start = end + 1;
        }
        return r.finish();
    }

    /**
     * The delivery-status text of a message: the {@code message/delivery-status} (or RFC 6533
     * {@code message/global-delivery-status}) parts at the shallowest depth that has one, joined.
     * "" when there is none.
     */
    public static String partText(ParsedMessage m) {
        int depth = Integer.MAX_VALUE;
        for (Part p : m.parts()) {
            if (isStatusPart(p) && p.messageDepth() < depth) depth = p.messageDepth();
        }
        if (depth == Integer.MAX_VALUE) return "";
        StringBuilder sb = new StringBuilder();
        for (Part p : m.parts()) {
            if (isStatusPart(p) && p.messageDepth() == depth) sb.append(p.text()).append("\n\n");
        }
        return sb.toString();
    }

    private static boolean isStatusPart(Part p) {
        return p.text() != null && (p.mimeType().equals("message/delivery-status")
                || p.mimeType().equals("message/global-delivery-status"));
    }

    /**
     * Delivery-status lines written inline in a text part (no message/delivery-status part): the
     * stretch of the flattened body from the first Reporting-MTA or recipient field to the quoted
     * original. "" when the body has no recipient field.
     */
    public static String inlineText(String body) {
        Matcher rc = RECIPIENT_LINE.matcher(body);
        if (!rc.find()) return "";
        int from = rc.start();
        Matcher rm = REPORTING_LINE.matcher(body);
        if (rm.find() && rm.start() < from) from = rm.start();
        int to = body.indexOf("\nContent-Type: message/rfc822", from);
        int to2 = body.indexOf("\nContent-Type: text/rfc822-headers", from);
        if (to < 0 || (to2 >= 0 && to2 < to)) to = to2;
        return body.substring(from, to < 0 ? body.length() : to);
    }

    /** Where the inline or part delivery-status text starts in the flattened body, or -1. */
    public static int statusStart(String body) {
        int i = body.indexOf("Content-Type: message/delivery-status");
        if (i < 0) i = body.indexOf("Content-Type: message/global-delivery-status");
        if (i >= 0) return i;
        Matcher rm = REPORTING_LINE.matcher(body);
        int a = rm.find() ? rm.start() : -1;
        Matcher rc = RECIPIENT_LINE.matcher(body);
        int b = rc.find() ? rc.start() : -1;
        if (a < 0) return b;
        return b < 0 ? a : Math.min(a, b);
    }

    /**
     * A builder filled from one recipient block: address, action, status, diagnostic, remote MTA,
     * and the SMTP command named in the diagnostic. The reason is left to the resolver.
     */
    public static DeliveryStatus.Builder toBuilder(DsnRecipient r) {
        DeliveryStatus.Builder b = DeliveryStatus.builder()
                .recipient(r.address())
                .action(r.action())
                .status(r.status())
                .diagnostic(r.diagnostic())
                .remoteMta(r.remoteMta())
                .command(FailedCommand.find(r.diagnostic()));
        return b;
    }

    /**
     * The better of a report's status code and the one quoted in its diagnostic: the diagnostic's
     * when the report's is missing, or generic ({@code x.0.0}) or different while the diagnostic's
     * is specific and of the same class (the remote server's own code is the more precise).
     */
    public static String preferredStatus(String status, String diagnostic) {
        String d = statusCode(diagnostic == null ? "" : diagnostic);
        if (d.isEmpty()) return status;
        if (status.isEmpty()) return d;
        if (d.endsWith(".0.0") || d.charAt(0) != status.charAt(0)) return status;
        return d;
    }

    /** The x.y.z status code in {@code text}, or "". */
    public static String statusCode(String text) {
        Matcher m = STATUS.matcher(text);
        return m.find() ? m.group() : "";
    }

    /** Removes a leading {@code type;} (rfc822;, dns;, smtp;...) from a field value. */
    public static String stripType(String value) {
        Matcher m = TYPE_PREFIX.matcher(value);
        return m.find() ? value.substring(m.end()).strip() : value.strip();
    }

    /** A host field without its comment: "mx.example.com (192.0.2.1)" becomes "mx.example.com". */
    static String hostOnly(String value) {
        int cut = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '(') {
                cut = i;
                break;
            }
        }
        String h = value.substring(0, cut);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.isEmpty() ? value.strip() : h;
    }

    private static String typeOf(String value) {
        Matcher m = TYPE_PREFIX.matcher(value);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** Collects fields line by line into blocks. */
    private static final class Reader {
        private String reportingMta = "", receivedFromMta = "", arrivalDate = "";
        private final List<DsnRecipient> out = new ArrayList<>();
        private Block cur = new Block();
        private F last;
        private StringBuilder lastValue;

        void line(String line) {
            if (line.isBlank()) {
                flushField();
                if (cur.hasAddressField()) close();
                return;
            }
            char c0 = line.charAt(0);
            if ((c0 == ' ' || c0 == '\t') && last != null) {
                lastValue.append(' ').append(line.strip());
                return;
            }
            flushField();
            int colon = line.indexOf(':');
            if (colon <= 0 || colon > 24) return;
            F f = FIELDS.get(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            if (f == null) return;
            if (startsNewBlock(f)) close();
            last = f;
            lastValue = new StringBuilder(line.substring(colon + 1).strip());
        }

        private boolean startsNewBlock(F f) {
            return switch (f) {
                case FINAL_RECIPIENT -> cur.finalRcpt != null;
                case ORIGINAL_RECIPIENT -> cur.originalRcpt != null || (cur.finalRcpt != null && cur.hasOutcome());
                case ACTUAL_RECIPIENT -> cur.actualRcpt != null;
                case ACTION -> cur.action != null && cur.hasAddressField();
                default -> false;
            };
        }

        private void flushField() {
            if (last == null) return;
            String v = lastValue.toString().strip();
            switch (last) {
                case REPORTING_MTA -> { if (reportingMta.isEmpty()) reportingMta = hostOnly(stripType(v)); }
                case RECEIVED_FROM_MTA -> { if (receivedFromMta.isEmpty()) receivedFromMta = stripType(v); }
                case ARRIVAL_DATE -> { if (arrivalDate.isEmpty()) arrivalDate = v; }
                case FINAL_RECIPIENT -> cur.finalRcpt = v;
                case ORIGINAL_RECIPIENT -> cur.originalRcpt = v;
                case ACTUAL_RECIPIENT -> cur.actualRcpt = v;
                case ACTION -> cur.action = v;
                case STATUS -> cur.status = v;
                case REMOTE_MTA -> cur.remoteMta = v;
                case DIAGNOSTIC -> cur.diagnostic = v;
                case LAST_ATTEMPT -> cur.lastAttempt = v;
                case WILL_RETRY -> cur.willRetry = v;
            }
            last = null;
            lastValue = null;
        }

        private void close() {
            DsnRecipient r = cur.toRecipient();
            cur = new Block();
            if (r == null) return;
            if (!out.isEmpty() && out.get(out.size() - 1).address().equalsIgnoreCase(r.address())) {
                out.set(out.size() - 1, merge(out.get(out.size() - 1), r));
            } else {
                out.add(r);
            }
        }

        DsnReport finish() {
            flushField();
            close();
            return new DsnReport(reportingMta, receivedFromMta, arrivalDate, out);
        }
    }

    private static DsnRecipient merge(DsnRecipient a, DsnRecipient b) {
        return new DsnRecipient(a.finalRecipient(), or(a.originalRecipient(), b.originalRecipient()),
                or(a.actualRecipient(), b.actualRecipient()), or(a.action(), b.action()), or(a.status(), b.status()),
                or(a.statusComment(), b.statusComment()), or(a.remoteMta(), b.remoteMta()),
                or(a.diagnosticType(), b.diagnosticType()), or(a.diagnostic(), b.diagnostic()),
                or(a.lastAttemptDate(), b.lastAttemptDate()), or(a.willRetryUntil(), b.willRetryUntil()));
    }

    private static String or(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    /** One recipient block's raw values (null = field absent). */
    private static final class Block {
        String finalRcpt, originalRcpt, actualRcpt, action, status, remoteMta, diagnostic, lastAttempt, willRetry;

        boolean hasAddressField() {
            return finalRcpt != null || originalRcpt != null || actualRcpt != null;
        }

        boolean hasOutcome() {
            return action != null || status != null || diagnostic != null;
        }

        DsnRecipient toRecipient() {
            String fin = address(finalRcpt);
            String orig = address(originalRcpt);
            String act = address(actualRcpt);
            if (fin.isEmpty() && orig.isEmpty() && act.isEmpty()) return null;
            String st = status == null ? "" : status;
            String code = statusCode(st);
            String comment = code.isEmpty() ? "" : st.substring(st.indexOf(code) + code.length()).strip();
            String diag = diagnostic == null ? "" : diagnostic;
            return new DsnRecipient(fin, orig, act, action(action), code, comment,
                    remoteMta == null ? "" : hostOnly(stripType(remoteMta)), typeOf(diag), stripType(diag),
                    nz(lastAttempt), nz(willRetry));
        }

        private static String address(String v) {
            if (v == null) return "";
            String raw = stripType(v);
            if (raw.startsWith("<") && raw.endsWith(">")) raw = raw.substring(1, raw.length() - 1);
            if (!isAscii(raw) && raw.indexOf('@') > 0 && raw.indexOf(' ') < 0) {
                return Addresses.normalise(raw); // RFC 6533 utf-8 address
            }
            String a = Addresses.extract(v);
            return a.indexOf('@') > 0 ? a : "";
        }

        private static boolean isAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0x7e) return false;
            }
            return true;
        }

        private static String action(String v) {
            if (v == null) return "";
            String a = v.strip().toLowerCase(Locale.ROOT);
            int sp = a.indexOf(' ');
            if (sp > 0) a = a.substring(0, sp);
            return switch (a) {
                case "failure", "fail", "failed" -> "failed";
                case "delay", "delayed" -> "delayed";
                case "deliverable", "delivered" -> "delivered";
                default -> a;
            };
        }

        private static String nz(String v) {
            return v == null ? "" : v;
        }
    }
}
