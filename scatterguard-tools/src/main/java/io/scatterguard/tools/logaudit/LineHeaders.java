package io.scatterguard.tools.logaudit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Reads the time stamp and tag in front of a log message, for the formats mail logs come in:
 * <ul>
 *   <li>traditional syslog, {@code Nov 22 09:07:50 mx postfix/smtpd[123]: ...} — written by
 *       Postfix's own {@code maillog_file} (postlogd, Postfix 3.4+) and by rsyslog with
 *       {@code RSYSLOG_TraditionalFileFormat}; the year is not in the line (see below);</li>
 *   <li>RFC 3339 syslog, {@code 2026-11-22T09:07:50.123456+01:00 mx postfix/smtpd[123]: ...} —
 *       rsyslog's default file format on Debian 12, and {@code journalctl -o short-iso}
 *       ({@code +0100} offsets);</li>
 *   <li>Exim's own log files, {@code 2026-11-22 09:07:50 [1234] 1rAbCd-000Xyz-Ef <= ...}, with the
 *       optional fraction, {@code log_timezone} offset and {@code +pid} process id.</li>
 * </ul>
 * One instance per input: it remembers the year of traditional lines. The first line's year is the
 * one that does not put it after the file's modification time; a month that goes from December
 * back to January starts the next year.
 */
final class LineHeaders {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final ZoneId zone;
    private final Instant reference;
    private final Integer fixedYear;
    private int year = -1;
    private int lastMonth = -1;

    /**
     * @param zone      zone of time stamps that carry no offset
     * @param reference the newest moment the input can describe (its modification time)
     * @param fixedYear the year of the first traditional line, or null to infer it
     */
    LineHeaders(ZoneId zone, Instant reference, Integer fixedYear) {
        this.zone = zone;
        this.reference = reference;
        this.fixedYear = fixedYear;
    }

    /** The line taken apart, or null when it is in none of the known formats. */
    LogLine parse(String s) {
        if (s.length() < 20) return null;
        char c0 = s.charAt(0);
        if (c0 >= 'A' && c0 <= 'S') return traditional(s);
        if (c0 >= '0' && c0 <= '9' && s.length() > 19 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            if (s.charAt(10) == 'T') return rfc3339(s);
            if (s.charAt(10) == ' ') return exim(s);
        }
        return null;
    }

    private LogLine traditional(String s) {
        int month = MONTHS.indexOf(s.substring(0, 3));
        if (month < 0 || month % 3 != 0 || s.charAt(3) != ' ') return null;
        month = month / 3 + 1;
        int day = s.charAt(4) == ' ' ? digits(s, 5, 1) : digits(s, 4, 2);
        if (day < 1 || s.charAt(6) != ' ') return null;
        int[] t = time(s, 7);
        if (t == null) return null;
        int p = t[4];
        Instant when;
        try {
            when = LocalDateTime.of(yearFor(month, day), month, day, t[0], t[1], t[2], t[3]).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
        return tagged(s, p, when);
    }

    private int yearFor(int month, int day) {
        if (year < 0) {
            ZonedDateTime ref = reference.atZone(zone);
            year = fixedYear != null ? fixedYear : ref.getYear();
            if (fixedYear == null) {
                try {
                    LocalDateTime candidate = LocalDateTime.of(year, month, Math.min(day, 28), 0, 0);
                    if (candidate.atZone(zone).toInstant().isAfter(reference.plusSeconds(86_400 * 2))) year--;
                } catch (DateTimeException e) {
                    // keep the reference year
                }
            }
        } else if (lastMonth >= 0) {
            if (month < lastMonth - 6) year++; // December → January
            else if (month > lastMonth + 6) year--; // a line from before the turn of the year
        }
        lastMonth = month;
        return year;
    }

    private LogLine rfc3339(String s) {
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int[] t = time(s, 11);
        if (y < 0 || mo < 0 || d < 0 || t == null) return null;
        int p = t[4];
        ZoneOffset offset;
        if (p < s.length() && s.charAt(p) == 'Z') {
            offset = ZoneOffset.UTC;
            p++;
        } else if (p + 5 <= s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            int sign = s.charAt(p) == '-' ? -1 : 1;
            int oh = digits(s, p + 1, 2);
            int om;
            if (p + 6 <= s.length() && s.charAt(p + 3) == ':') {
                om = digits(s, p + 4, 2);
                p += 6;
            } else {
                om = digits(s, p + 3, 2);
                p += 5;
            }
            if (oh < 0 || om < 0) return null;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            Instant when = LocalDateTime.of(y, mo, d, t[0], t[1], t[2], t[3]).toInstant(offset);
            return tagged(s, p, when);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private LogLine exim(String s) {
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int[] t = time(s, 11);
        if (y < 0 || mo < 0 || d < 0 || t == null) return null;
        int p = t[4];
        if (p >= s.length() || s.charAt(p) != ' ') return null;
        p++;
        Instant when;
        try {
            LocalDateTime local = LocalDateTime.of(y, mo, d, t[0], t[1], t[2], t[3]);
            if (p + 6 <= s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-') && digits(s, p + 1, 4) >= 0
                    && s.charAt(p + 5) == ' ') {
                int sign = s.charAt(p) == '-' ? -1 : 1;
                ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * digits(s, p + 1, 2), sign * digits(s, p + 3, 2));
                when = local.toInstant(off);
                p += 6;
            } else {
                when = local.atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            return null;
        }
        if (p < s.length() && s.charAt(p) == '[') { // log_selector = +pid
            int close = s.indexOf("] ", p);
            if (close < 0) return null;
            p = close + 2;
        }
        return new LogLine(when, "", "exim", s.substring(p));
    }

    /** {@code host tag[pid]: message} from position p (just after the time stamp). */
    private static LogLine tagged(String s, int p, Instant when) {
        if (p >= s.length() || s.charAt(p) != ' ') return null;
        int hostStart = p + 1;
        int hostEnd = s.indexOf(' ', hostStart);
        if (hostEnd <= hostStart) return null;
        int tagStart = hostEnd + 1;
        int colon = s.indexOf(": ", tagStart);
        if (colon < 0) {
            if (s.endsWith(":")) colon = s.length() - 1;
            else return null;
        }
        int tagEnd = colon;
        int bracket = s.indexOf('[', tagStart);
        if (bracket >= 0 && bracket < colon) tagEnd = bracket;
        int space = s.indexOf(' ', tagStart);
        if (tagEnd <= tagStart || (space >= 0 && space < tagEnd)) return null;
        String message = colon + 2 <= s.length() ? s.substring(colon + 2) : "";
        return new LogLine(when, s.substring(hostStart, hostEnd), s.substring(tagStart, tagEnd), message);
    }

    /** HH:mm:ss[.fraction] at p: {hour, minute, second, nanos, end position}, or null. */
    private static int[] time(String s, int p) {
        if (p + 8 > s.length() || s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') return null;
        int h = digits(s, p, 2);
        int m = digits(s, p + 3, 2);
        int sec = digits(s, p + 6, 2);
        if (h < 0 || m < 0 || sec < 0) return null;
        int e = p + 8;
        int nanos = 0;
        if (e < s.length() && (s.charAt(e) == '.' || s.charAt(e) == ',')) {
            int start = ++e;
            while (e < s.length() && Character.isDigit(s.charAt(e))) e++;
            String frac = (s.substring(start, e) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(frac);
        }
        if (sec == 60) sec = 59; // a leap second must not lose the line
        return new int[] {h, m, sec, nanos, e};
    }

    private static int digits(String s, int p, int n) {
        if (p + n > s.length()) return -1;
        int v = 0;
        for (int i = p; i < p + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
