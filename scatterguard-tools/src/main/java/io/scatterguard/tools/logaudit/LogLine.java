package io.scatterguard.tools.logaudit;

import java.time.Instant;

/**
 * One log line taken apart: when, which host wrote it (syslog; "" for Exim's own log file), which
 * program ({@code postfix/smtpd}, {@code sm-mta}, {@code exim}...) and the message after the tag.
 */
record LogLine(Instant time, String host, String program, String message) {

    /** The program's last path component: {@code smtpd} for {@code postfix/submission/smtpd}. */
    String daemon() {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }
}
