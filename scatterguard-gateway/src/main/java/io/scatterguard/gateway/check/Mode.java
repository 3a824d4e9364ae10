package io.scatterguard.gateway.check;

/**
 * Whether a check's verdicts are applied ({@code enforce}) or only recorded ({@code warn}), so a
 * new rule can be watched on real traffic before it refuses anything.
 */
public enum Mode {
    ENFORCE, WARN
}
