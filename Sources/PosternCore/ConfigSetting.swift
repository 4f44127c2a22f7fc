/// One configurable setting: its names, default and documentation, so the loader, `--help` and the docs share one table.
public struct ConfigSetting: Sendable {
    /// The JSON config file key: lower-case, without the `POSTERN_` prefix (`data_dir`).
    public let key: String
    /// The default as text, parsed like any other value; nil means unset.
    public let defaultValue: String?
    /// True for secrets: the value is never echoed in an error, and `…_FILE` may name a file holding it.
    public let isSecret: Bool
    /// What the setting does.
    public let summary: String
    /// What to set in production.
    public let production: String

    init(_ key: String, default defaultValue: String?, secret: Bool = false, _ summary: String, production: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.isSecret = secret
        self.summary = summary
        self.production = production
    }

    /// The environment variable: `POSTERN_DATA_DIR`.
    public var environmentName: String { "POSTERN_" + key.uppercased() }
}
