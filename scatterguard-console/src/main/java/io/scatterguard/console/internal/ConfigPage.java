package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.scatterguard.gateway.config.Config;
import java.util.List;

/** The running configuration, read-only, with secrets masked ({@link ConfigView}). */
final class ConfigPage {
    private final Config config;

    ConfigPage(Config config) {
        this.config = config;
    }

    List<ConfigView.Entry> entries() {
        return ConfigView.of(config);
    }

    void render(Context ctx, Principal p) {
        List<ConfigView.Entry> entries = entries();
        Pages.page(ctx, p, "Configuration", "/config", h -> {
            h.el("p", "The configuration this gateway runs with, read-only. Values that differ from the default are marked; "
                    + "passwords, keys and tokens are never shown. The reference of every key is docs/config-reference.md.",
                    "class", "hint");
            h.open("div", "class", "card flush").open("table", "class", "list config", "id", "config").open("thead").open("tr")
                    .el("th", "Key").el("th", "Value").el("th", "Default").el("th", "Meaning").close("tr").close("thead")
                    .open("tbody");
            for (ConfigView.Entry e : entries) {
                h.open("tr", "class", e.changed() ? "changed" : null, "data-key", e.key());
                h.el("td", e.key(), "class", "mono nowrap");
                h.open("td", "class", "mono value" + (e.secret() ? " secret" : "")).text(e.value());
                if (e.changed()) h.el("span", "set", "class", "tag");
                h.close("td");
                h.el("td", e.defaultValue(), "class", "mono muted");
                h.el("td", e.doc(), "class", "doc");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        });
    }
}
