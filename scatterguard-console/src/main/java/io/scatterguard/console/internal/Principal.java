package io.scatterguard.console.internal;

/**
 * Who is making a request: a user signed in with a session (whose forms carry its CSRF token), or a
 * script with one of the user's API tokens.
 */
record Principal(long userId, String username, Sessions.Session session) {

    boolean viaToken() {
        return session == null;
    }

    /** The name recorded when this principal releases or deletes mail. */
    String actor() {
        return viaToken() ? "api:" + username : username;
    }
}
