package io.scatterguard.gateway.deliver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers a message into one Maildir per recipient ({@code ROOT/<domain>/<local>/}), the
 * embedded default so a newcomer needs no other server. Durable before the 250: the file is
 * written to {@code tmp/}, fsynced, moved into {@code new/}, and the directory fsynced, as qmail's
 * maildir(5) protocol and Postfix's local delivery do. If any recipient fails, nothing is left
 * behind and the caller answers 4xx, so the client retries — never a bounce.
 */
public final class MaildirDelivery {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final Path root;
    private final String hostName;
    private final String traceName;

    public MaildirDelivery(Path root, String hostName) {
        this.root = root;
        this.traceName = hostName;
        this.hostName = hostName.replace('/', '_').replace(':', '_');
    }

    /** The host name this delivery runs as (for trace headers). */
    public String hostName() {
        return traceName;
    }

    /** Writes the message for every recipient; all or nothing. Returns the files created. */
    public List<Path> deliver(byte[] message, List<String> recipients) throws IOException {
        java.util.ArrayList<Path> done = new java.util.ArrayList<>(recipients.size());
        try {
            for (String r : recipients) done.add(deliverOne(message, r));
            return done;
        } catch (IOException | RuntimeException e) {
            for (Path p : done) Files.deleteIfExists(p);
            throw e;
        }
    }

    private Path deliverOne(byte[] message, String recipient) throws IOException {
        Path box = mailbox(recipient);
        for (String sub : new String[] {"tmp", "new", "cur"}) Files.createDirectories(box.resolve(sub));
        String name = System.currentTimeMillis() / 1000 + ".P" + ProcessHandle.current().pid() + "Q"
                + SEQUENCE.incrementAndGet() + "." + hostName;
        Path tmp = box.resolve("tmp").resolve(name);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            out.write(message);
            out.flush();
            ch.force(true);
        }
        Path target = box.resolve("new").resolve(name);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        fsyncDirectory(box.resolve("new"));
        return target;
    }

    /** ROOT/domain/local, with path tricks in the address neutralised. */
    Path mailbox(String recipient) {
        int at = recipient.lastIndexOf('@');
        String local = at < 0 ? recipient : recipient.substring(0, at);
        String domain = at < 0 ? "localhost" : recipient.substring(at + 1).toLowerCase(Locale.ROOT);
        return root.resolve(safe(domain)).resolve(safe(local));
    }

    private static String safe(String part) {
        String s = part.replaceAll("[^A-Za-z0-9._+=-]", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..")) s = "_" + s;
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories for sync; the rename is durable there by other means.
        }
    }
}
