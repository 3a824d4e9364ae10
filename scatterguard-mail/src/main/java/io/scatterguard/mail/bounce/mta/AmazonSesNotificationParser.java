package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES event notifications delivered by e-mail through SNS ("AWS Notification Message" from
 * {@code no-reply@sns.amazonaws.com}), whose body is the JSON event: {@code "notificationType":
 * "Bounce"} with {@code bouncedRecipients} (emailAddress, action, status, diagnosticCode) and
 * {@code bounceSubType}; {@code "Complaint"} with {@code complainedRecipients} and
 * {@code complaintFeedbackType}; {@code "Delivery"} with {@code recipients} and {@code smtpResponse}.
 * The JSON is read with a small flat-field scanner (the fields needed are plain strings in flat objects);
 * its string pattern is written with possessive quantifiers so that long escaped strings (the SNS
 * envelope's "Message") cannot exhaust the regex engine's stack.
 */
final class AmazonSesNotificationParser implements BounceParser {
    private static final Pattern TYPE = Pattern.compile("\"notificationType\"\\s*:\\s*\"(Bounce|Complaint|Delivery)\"");
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}\\[\\]]*\\}");
    private static final Pattern STRING_ITEM = Pattern.compile("\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
    /** The string fields read from the event, precompiled. */
    private static final Map<String, Pattern> FIELDS = fieldPatterns("Message", "reportingMTA", "bounceType",
            "bounceSubType", "complaintFeedbackType", "emailAddress", "action", "status", "diagnosticCode",
            "smtpResponse", "remoteMtaIp");
    /** bounceSubType values that state the reason; "General" states nothing. */
    private static final Map<String, Reason> SUBTYPES = Map.of(
            "Suppressed", Reason.SUPPRESSED,
            "OnAccountSuppressionList", Reason.SUPPRESSED,
            "MailboxFull", Reason.MAILBOXFULL,
            "MessageTooLarge", Reason.MESGTOOBIG);

    @Override
    public String name() {
        return "AmazonSES";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.from.contains("@sns.amazonaws.com") || h.has("x-amz-sns-message-id");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = m.body();
        Matcher t = TYPE.matcher(body);
        if (!t.find()) {
            // The SNS envelope: {"Type" : "Notification", ..., "Message" : "<the event as a JSON string>"}
            body = field(body, "Message");
            t = TYPE.matcher(body);
            if (!t.find()) return Optional.empty();
        }
        List<DeliveryStatus.Builder> rows = switch (t.group(1)) {
            case "Bounce" -> bounces(body);
            case "Complaint" -> complaints(body);
            default -> deliveries(body);
        };
        return BounceText.reportAsRead(name(), field(body, "reportingMTA"), rows, OriginalMessage.NONE);
    }

    private static List<DeliveryStatus.Builder> bounces(String body) {
        Reason subtype = SUBTYPES.get(field(body, "bounceSubType"));
        boolean transient_ = field(body, "bounceType").equals("Transient");
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String o : objectsIn(body, "bouncedRecipients")) {
            String diag = field(o, "diagnosticCode");
            if (diag.regionMatches(true, 0, "smtp;", 0, 5)) diag = diag.substring(5).strip();
            String action = field(o, "action");
            DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(Addresses.extract(field(o, "emailAddress")))
                    .action(action.isEmpty() ? (transient_ ? "delayed" : "failed") : action)
                    .status(field(o, "status")).diagnostic(diag);
            BounceText.codesFrom(diag, b);
            if (subtype == Reason.SUPPRESSED || (subtype != null && !BounceText.hasSpecificStatus(b.status()))) {
                b.reason(subtype);
            }
            rows.add(b);
        }
        return rows;
    }

    private static List<DeliveryStatus.Builder> complaints(String body) {
        String type = field(body, "complaintFeedbackType");
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String o : objectsIn(body, "complainedRecipients")) {
            rows.add(DeliveryStatus.builder().recipient(Addresses.extract(field(o, "emailAddress")))
                    .reason(Reason.FEEDBACK).feedbackType(type));
        }
        return rows;
    }

    private static List<DeliveryStatus.Builder> deliveries(String body) {
        int d = body.indexOf("\"delivery\"");
        if (d < 0) return List.of();
        String delivery = body.substring(d);
        String response = field(delivery, "smtpResponse");
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String addr : stringsIn(delivery, "recipients")) {
            DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(Addresses.extract(addr)).action("delivered")
                    .diagnostic(response).reason(Reason.DELIVERED).remoteMta(field(delivery, "remoteMtaIp"));
            BounceText.codesFrom(response, b);
            rows.add(b);
        }
        return rows;
    }

    /** The flat objects of the array named {@code key}. */
    private static List<String> objectsIn(String json, String key) {
        String array = arrayOf(json, key);
        List<String> out = new ArrayList<>();
        Matcher o = OBJECT.matcher(array);
        while (o.find()) out.add(o.group());
        return out;
    }

    /** The string items of the array named {@code key}. */
    private static List<String> stringsIn(String json, String key) {
        String array = arrayOf(json, key);
        List<String> out = new ArrayList<>();
        Matcher s = STRING_ITEM.matcher(array);
        while (s.find()) out.add(unescape(s.group(1)));
        return out;
    }

    private static String arrayOf(String json, String key) {
        int k = json.indexOf("\"" + key + "\"");
        if (k < 0) return "";
        int open = json.indexOf('[', k);
        int close = open < 0 ? -1 : json.indexOf(']', open);
        return close < 0 ? "" : json.substring(open + 1, close);
    }

    /** The first string value of {@code key} in {@code json}, unescaped, or "". */
    static String field(String json, String key) {
        Pattern p = FIELDS.get(key);
        if (p == null) throw new IllegalArgumentException("unknown field " + key);
        Matcher m = p.matcher(json);
        return m.find() ? unescape(m.group(1)) : "";
    }

    private static Map<String, Pattern> fieldPatterns(String... keys) {
        Map<String, Pattern> out = new java.util.HashMap<>();
        for (String k : keys) {
            out.put(k, Pattern.compile("\"" + Pattern.quote(k) + "\"\\s*:\\s*\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\""));
        }
        return Map.copyOf(out);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException e) {
                            sb.append('u');
                        }
                    }
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
