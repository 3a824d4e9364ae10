package io.scatterguard.gateway.policy;

import java.io.IOException;

/** A policy client sent something that is not a policy request, or one beyond our limits. */
public final class PolicyProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public PolicyProtocolException(String message) {
        super(message);
    }
}
