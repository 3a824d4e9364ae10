package io.scatterguard.console;

import io.scatterguard.store.QuarantineStore;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;

/**
 * Delivers a quarantined message to where accepted mail goes, at most once (the store claims the
 * message with one conditional update before delivering). The console calls this when an operator
 * confirms a release; the gateway supplies it.
 */
public interface QuarantineRelease {

    /**
     * Releases the message.
     *
     * @param actor who releases it, recorded with the release (a user name, or {@code api:NAME})
     * @throws ReleaseRefusedException when it is unknown, released already, being released, deleted,
     *                                 or the destination did not take it (it stays held then)
     */
    QuarantinedMessage release(long id, String actor) throws ReleaseRefusedException;

    /** Where released mail goes, as shown before an operator confirms (e.g. {@code proxy 127.0.0.1:10025}). */
    String target();

    /** A release that hands the message to {@code delivery} through the store's exactly-once claim. */
    static QuarantineRelease of(QuarantineStore quarantine, String target, QuarantineStore.Delivery delivery) {
        return new QuarantineRelease() {
            @Override
            public QuarantinedMessage release(long id, String actor) throws ReleaseRefusedException {
                return quarantine.release(id, actor, target, delivery);
            }

            @Override
            public String target() {
                return target;
            }
        };
    }
}
