package io.scatterguard.console.internal;

import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import io.scatterguard.store.Store;

/**
 * Release and delete, as the pages and the API both do them, with the store's refusals turned into
 * answers: unknown 404; released, being released or deleted 409 (a replayed release delivers
 * nothing); the destination refused 502 (the message stays held and can be released again).
 */
final class QuarantineActions {
    private static final System.Logger LOG = System.getLogger("io.scatterguard.console");
    private final Store store;
    private final QuarantineRelease release;

    QuarantineActions(Store store, QuarantineRelease release) {
        this.store = store;
        this.release = release;
    }

    QuarantinedMessage release(long id, Principal p) {
        if (release == null) throw new ConsoleError(503, "Releasing is not configured on this console.");
        try {
            QuarantinedMessage m = release.release(id, p.actor());
            LOG.log(System.Logger.Level.INFO, "console: " + p.actor() + " released quarantined message " + id + " to "
                    + m.releasedTo().orElse(release.target()));
            return m;
        } catch (ReleaseRefusedException e) {
            throw refused(id, e, "released");
        }
    }

    QuarantinedMessage delete(long id, Principal p) {
        try {
            store.quarantine().delete(id, p.actor());
            LOG.log(System.Logger.Level.INFO, "console: " + p.actor() + " deleted quarantined message " + id);
            return store.quarantine().get(id).orElseThrow(() -> ConsoleError.notFound("No quarantined message " + id + "."));
        } catch (ReleaseRefusedException e) {
            throw refused(id, e, "deleted");
        }
    }

    private static ConsoleError refused(long id, ReleaseRefusedException e, String verb) {
        String reason = e.reason().name();
        return switch (e.reason()) {
            case NOT_FOUND -> new ConsoleError(404, "No quarantined message " + id + ".", reason);
            case ALREADY_RELEASED -> new ConsoleError(409, "Message " + id + " was released already; it is not delivered again.",
                    reason);
            case IN_PROGRESS -> new ConsoleError(409, "Message " + id + " is being released right now; it cannot be " + verb
                    + " at the same time.", reason);
            case DELETED -> new ConsoleError(409, "Message " + id + " was deleted.", reason);
            case DELIVERY_FAILED -> new ConsoleError(502, "The destination did not take message " + id + "; it stays held: "
                    + e.getMessage(), reason);
        };
    }
}
