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
}
