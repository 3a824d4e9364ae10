package io.scatterguard.app.output;

import io.scatterguard.mail.Analysis;
import java.util.List;

/**
 * The outcome for one input message: its analysis, or the errors that prevented one (a file that
 * vanished or could not be read still gets a record, with category {@code ordinary}).
 */
public record ScanResult(String path, Analysis analysis, List<String> errors, List<String> truncated) {
    public boolean failed() {
        return analysis == null;
    }
}
