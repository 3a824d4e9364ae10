package io.scatterguard.gateway.spf;

/**
 * Ends an SPF evaluation early with {@code permerror} or {@code temperror} (RFC 7208 §2.6.6-7): a
 * result, not a fault, so it carries no stack trace.
 */
final class SpfException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SpfEvaluator.Result result;

    private SpfException(SpfEvaluator.Result result, String message) {
        super(message, null, false, false);
        this.result = result;
    }

    static SpfException perm(String message) {
        return new SpfException(SpfEvaluator.Result.PERMERROR, message);
    }

    static SpfException temp(String message) {
        return new SpfException(SpfEvaluator.Result.TEMPERROR, message);
    }

    SpfEvaluator.Result result() {
        return result;
    }
}
