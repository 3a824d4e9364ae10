package io.scatterguard.app.cli;

/**
 * One log line per event on standard error for the long-running services (milter, policy): the
 * JDK's platform logging, formatted as "2026-11-22 10:00:00 WARNING message" unless the operator
 * chose a format with {@code -Djava.util.logging.SimpleFormatter.format=...}.
 */
final class ServiceLogging {
    private ServiceLogging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
    }
}
