package io.scatterguard.app.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * One message to analyse: where it was found (as the user named it, plus {@code #n} for the n-th
 * message of an mbox) and how to open its bytes.
 */
public interface MessageSource {
    String path();

    InputStream open() throws IOException;

    /** What reading the source already cut or noticed (e.g. an mbox message cut at the size cap). */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /** Bytes this source holds in memory until analysed (0 for a file read when opened). */
    default long bytesInMemory() {
        return 0;
    }
}
