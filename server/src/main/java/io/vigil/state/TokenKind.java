package io.vigil.state;

/** What a token may do. */
public enum TokenKind {
    /** Send events: ingest routes only. */
    INGEST("vgi_", "VIGIL_INGEST_TOKEN"),
    /** Everything else: search, configuration, and ingest too. */
    API("vga_", "VIGIL_API_TOKEN");

    private final String prefix;
    private final String envVar;

    TokenKind(String prefix, String envVar) {
        this.prefix = prefix;
        this.envVar = envVar;
    }

    public String prefix() {
        return prefix;
    }

    public String envVar() {
        return envVar;
    }
}
