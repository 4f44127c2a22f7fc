import Testing
@testable import PosternHTTP

@Suite struct HTTPHeadersTests {
    /// A field that is not a list: absent, one value, or repeated whatever the case of its names (RFC 9110 §5.1, §5.3).
    @Test func singleTellsAbsentOneAndRepeated() {
        #expect(HTTPHeaders([("Host", "h")]).single("Authorization") == .absent)
        #expect(HTTPHeaders([("Host", "h"), ("authorization", "Basic x")]).single("Authorization") == .value("Basic x"))
        #expect(HTTPHeaders([("AUTHORIZATION", ""), ("Host", "h")]).single("Authorization") == .value(""))
        #expect(HTTPHeaders([("Authorization", "Basic x"), ("aUtHoRiZaTiOn", "Basic x")]).single("Authorization") == .repeated)
    }
}
