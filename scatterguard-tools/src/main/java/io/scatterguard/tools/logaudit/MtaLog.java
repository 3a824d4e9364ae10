package io.scatterguard.tools.logaudit;

/**
 * The reader of one MTA's log lines: a cheap test whether a line is its own, then the line itself.
 * Implementations follow each message by queue id and report to an {@link AuditSink}.
 */
interface MtaLog {
    Mta mta();

    /** True when this line was written by this MTA (judged by the program name only). */
    boolean owns(LogLine line);

    /** Handles one of its own lines; {@code lineNo} counts all lines read so far. */
    void line(LogLine line, long lineNo);

    /** End of all input: reports every message still followed. */
    void finish();

    /** Messages finished early because too many were open at once. */
    long evicted();
}
