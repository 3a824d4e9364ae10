/**
 * {@code scatterguard probe}: is this server a backscatterer? One SMTP conversation that stops
 * before DATA — greeting, EHLO, STARTTLS when offered, MAIL, RCPT to a recipient that cannot exist
 * (and optionally to a known-good one), RSET, QUIT — judged by how the server answers the unknown
 * recipient: refused at RCPT (good), accepted (it must bounce later), temporary failure, or the
 * probe itself refused.
 *
 * <p>{@link io.scatterguard.tools.probe.Probe} runs it; {@code ProbeConnection} is the client side
 * with per-reply deadlines, size limits and STARTTLS that accepts any certificate (said so in the
 * output). It does not reuse the gateway's {@code SmtpClient}: the probe needs the transcript,
 * deadlines against slow servers and STARTTLS, the gateway's client needs none of them, and this
 * module stays free of server code.
 */
package io.scatterguard.tools.probe;
