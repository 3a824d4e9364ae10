/**
 * The reason/status engine: completes each recipient of a parsed bounce the way Sisimai's
 * post-processing does, so that status codes, reasons and hard/soft flags compare with Sisimai.
 *
 * <ul>
 *   <li>{@link io.scatterguard.mail.bounce.reason.ReasonResolver}: the entry point, one recipient at a time;</li>
 *   <li>{@link io.scatterguard.mail.bounce.reason.StatusCodes}, {@link io.scatterguard.mail.bounce.reason.ReplyCodes},
 *       {@link io.scatterguard.mail.bounce.reason.SmtpCommands}: RFC 3463 / RFC 5321 codes and commands in free text;</li>
 *   <li>{@code ReasonClassifier} with the phrase tables of {@code ReasonPatterns} (one-pass
 *       {@code PhraseAutomaton}): Sisimai's reason order;</li>
 *   <li>{@code MtaMessages}: fixed messages of Exim, qmail, IMail, Exchange 2003, Notes;</li>
 *   <li>{@code RemoteHostRules} and the provider rule classes: Google, Microsoft, Orange/La Poste,
 *       GoDaddy, Cox, Spectrum, Apple, Yahoo, Tencent, NTT docomo, KDDI, i.ua, Facebook,
 *       MessageLabs, Mimecast, AOL, Outlook.com, Google Workspace;</li>
 *   <li>{@link io.scatterguard.mail.bounce.reason.HardBounce}: Sisimai::SMTP::Failure's hard/soft rules.</li>
 * </ul>
 */
package io.scatterguard.mail.bounce.reason;
