package io.scatterguard.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, newest first. {@code next} is an opaque cursor for the following page
 * (keyset pagination: a page costs the same however deep it is), absent on the last page.
 */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }
}
