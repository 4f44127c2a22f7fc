extension JSONValue {
    /// Parses strict JSON (see `JSONParser`); throws `JOSEError.invalidJSON` or `.duplicateMember`.
    public init(parsing bytes: [UInt8]) throws {
        self = try JSONParser.parse(bytes)
    }
}
