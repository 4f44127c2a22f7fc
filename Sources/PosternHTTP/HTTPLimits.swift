/// Size limits the parser enforces (DESIGN.md "Limits that the HTTP layer enforces").
public struct HTTPLimits: Sendable, Equatable {
    /// Request line; longer gets 414.
    public var requestLine: Int = 8 * 1024
    /// All header bytes; more gets 431.
    public var headerBytes: Int = 16 * 1024
    /// Header field count; more gets 431.
    public var headerFields: Int = 100
    /// Body bytes (after de-chunking); more gets 413.
    public var body: Int = 64 * 1024

    public init() {}
}
