package io.scatterguard.gateway.milter;

import java.io.IOException;

/**
 * The peer broke the milter protocol: a truncated or oversize packet, a command we do not know, or
 * data that does not fit its command. The connection cannot be trusted to stay in step and is
 * closed; the MTA then applies its default action (Postfix: {@code milter_default_action}).
 */
public final class MilterProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public MilterProtocolException(String message) {
        super(message);
    }
}
