/// A JSON value, parsed strictly and written deterministically: JOSE headers, JWKs, and the extra
/// claims the OAuth core puts in tokens (`client_id`, `scope`, `roles`, `auth_time`, …).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits (NumericDate, counts).
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members by name; written with names sorted, so the output is canonical.
    case object([String: JSONValue])

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }
}
