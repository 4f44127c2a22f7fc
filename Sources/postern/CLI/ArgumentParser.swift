/// One `--name` option a command accepts.
struct OptionSpec: Sendable {
    let name: String
    /// False for a flag such as `--public`; true for `--name VALUE` / `--name=VALUE`.
    let takesValue: Bool
    /// Whether it may be given more than once (`--grant a --grant b`).
    let repeatable: Bool

    static func flag(_ name: String) -> OptionSpec { OptionSpec(name: name, takesValue: false, repeatable: false) }
    static func value(_ name: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, takesValue: true, repeatable: repeatable)
    }
}

/// What the parser found: option values by name (without the dashes), flags, and positional words.
struct ParsedArguments: Sendable, Equatable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    /// The single value of `--name`, if given.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeatable `--name`, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether the flag `--name` was given.
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A strict parser for `postern`'s arguments: unknown options, missing values and stray words are errors.
enum ArgumentParser {
    static func parse(_ arguments: [String], options: [OptionSpec], positionals: ClosedRange<Int>) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("-") || word == "-" {
                // An unset shell variable (`postern backup "$DEST"`) must not become the current folder or a default.
                guard !word.isEmpty else { throw UsageError("empty argument") }
                result.positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            // `-n 5`: a one-letter option, spelled with one dash.
            let short = !word.hasPrefix("--") && word.count == 2
            guard word.hasPrefix("--") || short else { throw UsageError("unknown option '\(word)'") }
            var name = String(word.dropFirst(short ? 1 : 2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            let dashes = short ? "-" : "--"
            guard let spec = options.first(where: { $0.name == name && ($0.name.count == 1) == short }) else {
                throw UsageError("unknown option '\(dashes)\(name)'")
            }
            if spec.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                        throw UsageError("option '\(dashes)\(name)' needs a value")
                    }
                    value = arguments[index]
                    index += 1
                }
                // `--data-dir ""` fell back to ./postern-data for serve and failed with a bare mkdir error elsewhere.
                guard !value.isEmpty else { throw UsageError("option '\(dashes)\(name)' has an empty value") }
                if !spec.repeatable, result.values[name] != nil {
                    throw UsageError("option '\(dashes)\(name)' given more than once")
                }
                result.values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else { throw UsageError("option '--\(name)' takes no value") }
                result.flags.insert(name)
            }
        }
        guard positionals.contains(result.positionals.count) else {
            if result.positionals.count < positionals.lowerBound {
                throw UsageError("missing argument")
            }
            throw UsageError("unexpected argument '\(result.positionals[positionals.upperBound])'")
        }
        return result
    }
}
