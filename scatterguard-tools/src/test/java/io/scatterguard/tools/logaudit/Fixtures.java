package io.scatterguard.tools.logaudit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The hand-written log fixtures under src/test/resources/logs and the options the tests read them with. */
final class Fixtures {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Fixtures() {}

    static Path path(String name) {
        URL u = Fixtures.class.getResource("/logs/" + name);
        if (u == null) throw new IllegalArgumentException("no fixture " + name);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Berlin time, and 2026 for the year-less syslog lines (the files' dates would decide otherwise). */
    static LogAudit.Options options() {
        return new LogAudit.Options(ZONE, 2026, Networks.of(List.of()), 10_000);
    }

    static AuditReport audit(String... names) throws Exception {
        List<LogInput> in = new ArrayList<>();
        for (String n : names) in.add(LogInput.file(path(n).toString()));
        return LogAudit.run(in, options());
    }

    static AuditReport auditFiles(LogAudit.Options o, Path... files) throws Exception {
        List<LogInput> in = new ArrayList<>();
        for (Path p : files) in.add(LogInput.file(p.toString()));
        return LogAudit.run(in, o);
    }
}
