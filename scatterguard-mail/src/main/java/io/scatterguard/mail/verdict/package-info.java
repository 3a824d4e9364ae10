/**
 * The backscatter judge: does an auto-generated message answer mail we sent (primer §3)?
 *
 * <p>Describe "us" with {@link io.scatterguard.mail.verdict.OurSide} (domains, relay globs, an
 * optional BATV verifier and outbound ledger), build one thread-safe
 * {@link io.scatterguard.mail.verdict.BackscatterJudge}, and ask it about each analysed message:
 * <pre>{@code
 * OurSide us = OurSide.builder().domains(domains).relayGlobs(relays)
 *         .batv(new BatvVerifier(BatvKeyring.fromSpecs(keys), lifetimeDays, Clock.systemUTC()))
 *         .ledger(OutboundLedger.of(Files.readAllLines(ledgerFile)))
 *         .weakRelayIsOurs(trustRelays).build();
 * BackscatterJudge judge = new BackscatterJudge(us);
 * // SMTP: the envelope is known
 * judge.judge(analysis.category(), analysis.message(), analysis.bounce(), Envelope.smtp(mailFrom, rcptTo));
 * // file scans: the envelope is read from Delivered-To, X-Original-To, Envelope-To, To
 * judge.judge(analysis.category(), analysis.message(), analysis.bounce());
 * }</pre>
 * The {@link io.scatterguard.mail.verdict.BackscatterVerdict} lists its
 * {@link io.scatterguard.mail.verdict.JudgeEvidence}, the deciding item first.
 */
package io.scatterguard.mail.verdict;
