/// A set of OAuth scope tokens, parsed strictly and kept in a stable order for the wire.
public struct Scope: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The tokens, sorted and without duplicates.
    public let tokens: [String]

    /// A scope from trusted, already-valid tokens (configuration, stored clients).
    public init(_ tokens: some Sequence<String>) {
        self.tokens = Array(Set(tokens)).sorted()
    }

    /// RFC 6749 §3.3: `scope = scope-token *( SP scope-token )`,
    /// `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`. Returns nil on any other byte,
    /// an empty token (two spaces, leading or trailing space) or an empty string.
    public init?(parsing text: String) {
        guard !text.isEmpty else { return nil }
        var tokens: [String] = []
        for part in text.split(separator: " ", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.allSatisfy(Scope.isScopeByte) else { return nil }
            tokens.append(String(part))
        }
        self.init(tokens)
    }

    private static func isScopeByte(_ b: UInt8) -> Bool {
        b == 0x21 || (0x23...0x5B).contains(b) || (0x5D...0x7E).contains(b)
    }

    public var isEmpty: Bool { tokens.isEmpty }

    public func contains(_ token: String) -> Bool { tokens.contains(token) }

    /// True when every token of `self` is in `other`.
    public func isSubset(of other: Scope) -> Bool { Set(tokens).isSubset(of: Set(other.tokens)) }

    /// The space-separated wire form (`scope` parameter and claim).
    public var description: String { tokens.joined(separator: " ") }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(text.split(separator: " ").map(String.init))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
