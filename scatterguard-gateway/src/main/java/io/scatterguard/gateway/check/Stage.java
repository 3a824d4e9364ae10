package io.scatterguard.gateway.check;

/** The points of an SMTP transaction where checks run, in order (RFC 5321 §3). */
public enum Stage {
    CONNECT, HELO, MAIL, RCPT, DATA, END_OF_DATA
}
