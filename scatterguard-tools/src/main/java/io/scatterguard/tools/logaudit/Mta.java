package io.scatterguard.tools.logaudit;

import java.util.Locale;

/** The mail servers whose logs the audit reads. */
public enum Mta {
    POSTFIX("Postfix"), EXIM("Exim"), SENDMAIL("Sendmail");

    private final String label;

    Mta(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
