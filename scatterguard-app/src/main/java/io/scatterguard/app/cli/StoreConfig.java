package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.store.StoreSettings;
import java.nio.file.Path;

/** The store the configuration names, for the commands that open it. */
final class StoreConfig {
    private StoreConfig() {}

    static StoreSettings settings(Config c) {
        return StoreSettings.embedded(Path.of(c.get(ConfigKeys.DATA_DIR)));
    }
}
