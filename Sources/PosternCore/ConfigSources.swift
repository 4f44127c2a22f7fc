import PosternJOSE
import Foundation

/// The raw text of each setting after layering defaults ← config file ← environment ← command-line flags, with where each came from.
struct ConfigSources {
    /// One setting's text and its origin, the name an error message uses.
    struct Value {
        let text: String
        let origin: String
        /// True when a secret came straight from an environment variable rather than a `…_FILE`.
        let isSecretInEnvironment: Bool
    }

    private(set) var values: [String: Value] = [:]
    private(set) var warnings: [String] = []
    private let settings: [String: ConfigSetting]
    /// The table order, so that of several bad settings the same one is always reported first.
    private let orderedSettings: [ConfigSetting]

    // A secret file is a key or a password; anything larger is the wrong file.
    static let maximumSecretFileBytes = 64 * 1024

    init(settings: [ConfigSetting]) {
        self.settings = Dictionary(uniqueKeysWithValues: settings.map { ($0.key, $0) })
        self.orderedSettings = settings
    }

    /// The value of `key`, or its default (named by its environment variable), or nil.
    func value(_ key: String) -> Value? {
        if let value = values[key] { return value }
        guard let setting = settings[key], let text = setting.defaultValue else { return nil }
        return Value(text: text, origin: setting.environmentName, isSecretInEnvironment: false)
    }

    func setting(_ key: String) -> ConfigSetting? { settings[key] }

    /// API.md: the JSON file holds the same settings, "keys without the POSTERN_ prefix, lower-case";
    /// an unknown key is an error, since a misspelt setting would otherwise silently keep its default.
    mutating func apply(file contents: [UInt8]) throws(ConfigError) {
        // A setting written twice is a mistake whichever copy wins (Foundation's decoder keeps one silently); the strict
        // parser refuses repeated keys.
        do { _ = try JSONValue(parsing: contents) } catch JOSEError.duplicateMember(let name) {
            throw ConfigError(setting: "config file", problem: "\(ConfigSources.quoted(name)) appears twice")
        } catch {
            // Anything else malformed is reported below, in the decoder's terms.
        }
        let object: [String: ConfigFileValue]
        do {
            object = try JSONDecoder().decode([String: ConfigFileValue].self, from: Data(contents))
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw ConfigError(setting: "\(context.codingPath[0].stringValue) (config file)", problem: context.debugDescription)
        } catch {
            throw ConfigError(setting: "config file", problem: "expected a JSON object of settings")
        }
        var layer: [String: (text: String, origin: String)] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let origin = "\(key) (config file)"
            guard isKnown(key) else {
                throw ConfigError(setting: "config file", problem: "unknown setting \(ConfigSources.quoted(key))")
            }
            switch value {
            case .null: continue
            case .text(let text): layer[key] = (text, origin)
            case .list(let items):
                guard key == "trusted_proxies" else {
                    throw ConfigError(setting: origin, problem: "expected a string, not a list")
                }
                layer[key] = (items.joined(separator: ","), origin)
            }
        }
        try merge(layer, fileSuffix: "_file", fromEnvironment: false)
    }

    /// Environment variables `POSTERN_<KEY>` (and `POSTERN_<KEY>_FILE` for secrets); other
    /// `POSTERN_` variables are not an error (test harnesses set some) but are reported.
    mutating func apply(environment: [String: String]) throws(ConfigError) {
        var layer: [String: (text: String, origin: String)] = [:]
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("POSTERN_") {
            let key = String(name.dropFirst("POSTERN_".count)).lowercased()
            guard name == name.uppercased(), isKnown(key) else {
                warnings.append("\(name) is not a Postern setting and is ignored")
                continue
            }
            layer[key] = (text, name)
        }
        try merge(layer, fileSuffix: "_file", fromEnvironment: true)
    }

    /// Command-line flags (`--listen`, `--issuer`, `--data-dir`), keyed by setting key; they win over everything.
    mutating func apply(overrides: [String: String]) throws(ConfigError) {
        var layer: [String: (text: String, origin: String)] = [:]
        for (key, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard settings[key] != nil else {
                throw ConfigError(setting: "--" + key, problem: "not a setting")
            }
            layer[key] = (text, "--" + key.replacingOccurrences(of: "_", with: "-"))
        }
        try merge(layer, fileSuffix: nil, fromEnvironment: false)
    }

    /// Puts one layer over the values so far. An empty value counts as not given (as `VAR=` does in most
    /// deployment tools). For a secret, `<key>_file` names a file holding it; both at once is an
    /// error, because which one wins would be a guess.
    private mutating func merge(_ layer: [String: (text: String, origin: String)], fileSuffix: String?,
                                fromEnvironment: Bool) throws(ConfigError) {
        for setting in orderedSettings {
            let key = setting.key
            let direct = layer[key].flatMap { $0.text.isEmpty ? nil : $0 }
            let viaFile = fileSuffix.flatMap { layer[key + $0] }.flatMap { $0.text.isEmpty ? nil : $0 }
            if let direct, let viaFile {
                throw ConfigError(setting: direct.origin, problem: "set either \(direct.origin) or \(viaFile.origin), not both")
            }
            if let direct {
                values[key] = Value(text: direct.text, origin: direct.origin,
                                    isSecretInEnvironment: fromEnvironment && setting.isSecret)
            } else if let viaFile {
                values[key] = Value(text: try readSecret(path: viaFile.text, origin: viaFile.origin),
                                    origin: viaFile.origin, isSecretInEnvironment: false)
            }
        }
    }

    /// Reads a secret file: UTF-8, at most 64 KiB, trailing newlines trimmed (editors and `echo` add one).
    private func readSecret(path: String, origin: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            // Foundation reports reading a folder as a bare "error 256".
            throw ConfigError(setting: origin, problem: "\(ConfigSources.quoted(path)) is a folder, not a file holding the secret")
        }
        let bytes: [UInt8]
        do {
            // Reads one byte past the limit, never the whole file: `/dev/zero` or a log file named by mistake must not hang start-up.
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            bytes = [UInt8](try handle.read(upToCount: Self.maximumSecretFileBytes + 1) ?? Data())
        } catch {
            throw ConfigError(setting: origin, problem: "cannot read \(ConfigSources.quoted(path)): \(ConfigSources.reason(error))")
        }
        guard bytes.count <= Self.maximumSecretFileBytes else {
            throw ConfigError(setting: origin, problem: "\(ConfigSources.quoted(path)) is over 64 KiB; expected a single secret")
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(setting: origin, problem: "\(ConfigSources.quoted(path)) is not UTF-8 text")
        }
        while text.last == "\n" || text.last == "\r\n" || text.last == "\r" { text.removeLast() }
        guard !text.isEmpty else {
            throw ConfigError(setting: origin, problem: "\(ConfigSources.quoted(path)) is empty")
        }
        return text
    }

    /// A setting's key, or `<key>_file` for a secret.
    private func isKnown(_ key: String) -> Bool {
        if settings[key] != nil { return true }
        guard key.hasSuffix("_file") else { return false }
        return settings[String(key.dropLast("_file".count))]?.isSecret == true
    }

    private static func reason(_ error: any Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?: "no such file"
        case .fileReadNoPermission?: "permission denied"
        case let code?: "error \(code.rawValue)"
        case nil: "\(type(of: error))"
        }
    }

    /// A value as it may appear in a one-line message: quoted, control characters escaped, at most 80 characters.
    static func quoted(_ text: String) -> String {
        let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return "\"" + shown.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }
}
