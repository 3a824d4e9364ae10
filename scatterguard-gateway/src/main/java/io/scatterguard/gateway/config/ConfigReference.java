package io.scatterguard.gateway.config;

/** Renders {@code docs/config-reference.md} from the {@link ConfigKeys} registry. */
public final class ConfigReference {
    private ConfigReference() {}

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration reference\n\n")
                .append("Generated from `ConfigKeys` (a test fails when this file and the code disagree). These are the\n")
                .append("keys of the gateway's YAML configuration file; keys may be nested (`smtp:` then `host-name:`) or dotted\n")
                .append("(`smtp.host-name:`). Unknown keys and invalid values stop start-up with a message naming the key.\n\n")
                .append("Sizes: `512k`, `25m`, `1g` or bytes. Durations: `300ms`, `30s`, `5m`, `2h`, `7d`. Lists: YAML\n")
                .append("sequences or comma-separated text.\n\n")
                .append("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (Setting<?> s : ConfigKeys.ALL) {
            String def = s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue() + "`";
            sb.append("| `").append(s.key()).append("` | ").append(s.type()).append(" | ").append(def)
                    .append(" | ").append(s.doc()).append(" |\n");
        }
        return sb.toString();
    }
}
