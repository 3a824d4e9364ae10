package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The recipients a plain-text bounce lists, each with the explanation lines that follow it, as
 * the provider parsers collect them: a recipient line opens a block, the lines after it are
 * joined to that block's text ({@link BounceText#appendLine}), and the text is read back swept
 * onto one line once all blocks are known.
 */
final class RecipientBlocks {
    private final List<DeliveryStatus.Builder> rows = new ArrayList<>();
    private final List<StringBuilder> texts = new ArrayList<>();

    /** Opens a block for {@code row} with an empty text. */
    void add(DeliveryStatus.Builder row) {
        add(row, "");
    }

    /** Opens a block for {@code row} whose text starts as {@code text}, taken as it is. */
    void add(DeliveryStatus.Builder row, String text) {
        rows.add(row);
        texts.add(new StringBuilder(text));
    }

    /** Joins {@code line} to the text of the last block opened; there must be one. */
    void append(String line) {
        BounceText.appendLine(texts.get(texts.size() - 1), line);
    }

    /** Whether no block has been opened. */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The number of blocks. */
    int size() {
        return rows.size();
    }

    /** The recipient of block {@code i}. */
    DeliveryStatus.Builder row(int i) {
        return rows.get(i);
    }

    /** The recipient of the last block opened; there must be one. */
    DeliveryStatus.Builder last() {
        return rows.get(rows.size() - 1);
    }

    /** The text of block {@code i}, white space swept onto one line. */
    String text(int i) {
        return BounceText.sweep(texts.get(i).toString());
    }

    /** The recipients in the order their blocks were opened. */
    List<DeliveryStatus.Builder> rows() {
        return rows;
    }
}
