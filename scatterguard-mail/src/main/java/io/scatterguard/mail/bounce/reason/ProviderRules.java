package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;

/**
 * One mailbox provider's own error vocabulary (documented error codes and messages), consulted when
 * the remote host or the recipient's domain belongs to that provider.
 */
interface ProviderRules {
    /** The reason the provider's message means, or null when the rules do not recognise it. */
    Reason find(Facts f);
}
