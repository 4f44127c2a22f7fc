import Testing
@testable import PosternCore

@Suite struct ScopeTests {
    @Test func parsesSortsAndDeduplicates() {
        #expect(Scope(parsing: "write read read")?.tokens == ["read", "write"])
        #expect(Scope(parsing: "openid")?.description == "openid")
        #expect(Scope(parsing: "a:b/c!~")?.tokens == ["a:b/c!~"])
    }

    // RFC 6749 §3.3 forbids SP-runs, `"`, `\`, controls and non-ASCII in scope tokens.
    @Test(arguments: ["", " ", "a  b", " a", "a ", "a\"b", "a\\b", "a\tb", "a\u{0}b", "é", "a\nb"])
    func rejectsMalformed(_ text: String) {
        #expect(Scope(parsing: text) == nil)
    }

    @Test func subset() {
        let granted = Scope(["a", "b", "c"])
        #expect(Scope(["a", "c"]).isSubset(of: granted))
        #expect(!Scope(["a", "d"]).isSubset(of: granted))
        #expect(Scope([]).isSubset(of: granted))
    }
}

@Suite struct IdentifierTests {
    @Test func prefixedRandomAndBase62() {
        let a = Identifier.make(.user), b = Identifier.make(.user)
        #expect(a.hasPrefix("usr_") && a.count == 26)
        #expect(a != b)
        #expect(a.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(!Identifier.make(.token).contains("_"))
        #expect(Identifier.make(.client).hasPrefix("cli_"))
    }

    /// Every length gets exactly its characters, and all 62 symbols turn up (none lost to the rejection of bytes ≥ 248).
    @Test func randomBase62HasTheLengthAskedAndTheWholeAlphabet() {
        for count in [1, 22, 43, 300] { #expect(Identifier.randomBase62(count: count).utf8.count == count) }
        let symbols = Set((0..<100).flatMap { _ in Identifier.randomBase62(count: 43).utf8 })
        #expect(symbols == Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8))
    }
}
