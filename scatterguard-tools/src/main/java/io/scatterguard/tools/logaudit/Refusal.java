package io.scatterguard.tools.logaudit;

/**
 * A refusal this server gave during the SMTP session — the right way to say no, counted for
 * contrast with the notifications.
 *
 * @param mta         whose log
 * @param stage       CONNECT, HELO, MAIL, RCPT, DATA or END-OF-DATA
 * @param unknownUser the refusal was for a recipient that does not exist
 */
record Refusal(Mta mta, String stage, boolean unknownUser) {}
