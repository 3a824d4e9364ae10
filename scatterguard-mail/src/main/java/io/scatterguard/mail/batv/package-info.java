/**
 * Bounce Address Tag Validation (draft-levine-smtp-batv-01 as Exim implements it; primer §4).
 *
 * <p>{@link io.scatterguard.mail.batv.BatvSigner} tags outbound envelope senders,
 * {@link io.scatterguard.mail.batv.BatvVerifier} checks the tag on a bounce's envelope recipient,
 * both with the secrets of a {@link io.scatterguard.mail.batv.BatvKeyring} (keys 0–9 for rotation).
 * {@link io.scatterguard.mail.batv.BatvAddress} takes addresses apart and also recognises the
 * schemes we do not verify (Barracuda, SparkPost, SRS). Typical set-up from settings:
 * <pre>{@code
 * BatvKeyring ring = BatvKeyring.fromSpecs(List.of("1:old-secret", "2:new-secret")); // key 2 signs
 * BatvVerifier verifier = new BatvVerifier(ring, 7, Clock.systemUTC());
 * BatvSigner signer = new BatvSigner(ring, 7, BatvAddress.Form.PREFIX, Clock.systemUTC());
 * }</pre>
 */
package io.scatterguard.mail.batv;
