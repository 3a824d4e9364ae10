package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.User;
import io.scatterguard.store.UserStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Signing in and out. A sign-in is refused without looking at the password while its client address
 * or user name is throttled; an unknown user costs the same hash as a known one, so timing does not
 * tell which names exist; the session id is new at every sign-in (no fixation), and the only cookie
 * a signed-in browser holds is that id.
 */
final class SignIn {
    static final String NONCE_COOKIE = "sg_login";
    private static final int MAX_NAME = 255;
    private static final int MAX_PASSWORD = 1024;

    private final Gate gate;
    private final Sessions sessions;
    private final UserStore users;
    private final LoginThrottle throttle;
    private final LoginNonces nonces;
    private volatile String dummyHash;

    SignIn(Gate gate, Sessions sessions, UserStore users, LoginThrottle throttle, LoginNonces nonces) {
        this.gate = gate;
        this.sessions = sessions;
        this.users = users;
        this.throttle = throttle;
        this.nonces = nonces;
    }

    void form(Context ctx) {
        if (gate.principal(ctx).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, 200, "", "", ctx.queryParam("next"));
    }

    void submit(Context ctx) {
        String username = limit(ctx.formParam("username"), MAX_NAME).strip();
        String password = limit(ctx.formParam("password"), MAX_PASSWORD);
        String next = ctx.formParam("next");
        if (!nonces.valid(ctx.cookie(NONCE_COOKIE), ctx.formParam(Gate.CSRF_FIELD)) || !Gate.sameOrigin(ctx)) {
            render(ctx, 403, "The sign-in form has expired. Please try again.", username, next);
            return;
        }
        String address = ctx.ip();
        Duration wait = throttle.wait(address, username);
        if (!wait.isZero()) {
            long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            render(ctx, 429, "Too many failed sign-ins. Try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".",
                    username, next);
            return;
        }
        Optional<User> user = username.isEmpty() ? Optional.empty() : users.find(username);
        boolean ok;
        char[] pw = password.toCharArray();
        try {
            if (user.isPresent() && !user.get().disabled()) {
                ok = Credentials.verifyPassword(pw, user.get().passwordHash());
            } else {
                Credentials.verifyPassword(pw, dummyHash()); // same cost whether or not the name exists
                ok = false;
            }
            if (ok && Credentials.needsRehash(user.get().passwordHash())) {
                users.setPasswordHash(user.get().id(), Credentials.hashPassword(pw));
            }
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
        if (!ok) {
            throttle.failed(address, username);
            render(ctx, 401, "Wrong user name or password.", username, next);
            return;
        }
        throttle.succeeded(username);
        gate.setSessionCookie(ctx, sessions.create(user.get().id(), user.get().username()));
        ctx.res().addHeader("Set-Cookie", NONCE_COOKIE + "=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict"
                + (gate.tls() ? "; Secure" : ""));
        ctx.redirect(safeNext(next), HttpStatus.SEE_OTHER);
    }

    void signOut(Context ctx) {
        sessions.end(ctx.cookie(gate.cookieName()));
        gate.clearSessionCookie(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String error, String username, String next) {
        String nonce = nonces.issue();
        ctx.res().addHeader("Set-Cookie", NONCE_COOKIE + "=" + nonce + "; Path=/login; Max-Age=3600; HttpOnly; SameSite=Strict"
                + (gate.tls() ? "; Secure" : ""));
        Pages.bare(ctx, "Sign in", h -> {
            h.open("div", "class", "card login").el("h1", "Sign in to the console");
            if (!error.isEmpty()) h.el("p", error, "class", "notice error", "role", "alert");
            h.open("form", "method", "post", "action", "/login", "class", "stack").csrf(nonce);
            if (next != null && !next.isEmpty()) h.hidden("next", safeNext(next));
            h.open("label").text("User name")
                    .empty("input", "name", "username", "id", "username", "autocomplete", "username", "required", "required",
                            "maxlength", Integer.toString(MAX_NAME), "value", username, "autofocus", username.isEmpty() ? "autofocus" : null)
                    .close("label");
            h.open("label").text("Password")
                    .empty("input", "type", "password", "name", "password", "id", "password", "autocomplete", "current-password",
                            "required", "required", "maxlength", Integer.toString(MAX_PASSWORD),
                            "autofocus", username.isEmpty() ? null : "autofocus")
                    .close("label");
            h.el("button", "Sign in", "type", "submit", "class", "primary", "id", "sign-in");
            h.close("form");
            h.open("p", "class", "hint").text("Accounts are made on the server with ").el("code", "scatterguard user add NAME")
                    .text(".").close("p");
            h.close("div");
        });
        ctx.status(status);
    }

    /** Only a path of this console: never another site, never a scheme-relative URL. */
    static String safeNext(String next) {
        if (next == null || next.length() > 500 || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return "/dashboard";
        }
        return next;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = Credentials.hashPassword(Sessions.randomToken().toCharArray());
            dummyHash = h;
        }
        return h;
    }

    private static String limit(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) : s;
    }
}
