package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.store.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The users who may send through the relay listener after SMTP AUTH: a file of {@code name:HASH}
 * lines, HASH an Argon2id string from {@code scatterguard user hash-password}, {@code #} for
 * comments. Names compare without case. An unknown name costs the same hash as a known one, so
 * timing does not tell which names exist.
 */
public final class RelayUsers implements SmtpHandler.Authenticator {
    private final Map<String, String> hashes;
    private final boolean plaintextAllowed;
    private final String decoy;

    private RelayUsers(Map<String, String> hashes, boolean plaintextAllowed) {
        this.hashes = Map.copyOf(hashes);
        this.plaintextAllowed = plaintextAllowed;
        this.decoy = Credentials.hashPassword("not a password anybody has".toCharArray());
    }

    /**
     * @throws IllegalArgumentException naming the line when it is not {@code name:HASH}
     */
    public static RelayUsers load(Path file, boolean plaintextAllowed) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String hash = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (name.isEmpty() || !hash.startsWith("$argon2id$")) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected name:HASH with an Argon2id hash "
                        + "(scatterguard user hash-password)");
            }
            hashes.put(name, hash);
        }
        return new RelayUsers(hashes, plaintextAllowed);
    }

    @Override
    public boolean verify(String user, char[] password) {
        String hash = hashes.get(user.strip().toLowerCase(Locale.ROOT));
        boolean ok = Credentials.verifyPassword(password, hash == null ? decoy : hash);
        return hash != null && ok;
    }

    @Override
    public boolean plaintextAllowed() {
        return plaintextAllowed;
    }

    public int size() {
        return hashes.size();
    }
}
