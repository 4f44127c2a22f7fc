import Testing
@testable import PosternJOSE

@Suite struct JSONValueTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test func parsesEveryKind() throws {
        let value = try parse(#" { "s": "a\"b\\c\/d\u00e9\ud83d\ude00", "i": -42, "d": 1.5e3, "t": true, "f": false, "n": null, "a": [1, [2], {}] } "#)
        #expect(value == .object([
            "s": .string("a\"b\\c/dé😀"), "i": .integer(-42), "d": .double(1500), "t": true, "f": false, "n": nil,
            "a": [1, [2], .object([:])],
        ]))
    }

    @Test func integersBeyond64BitsBecomeDoubles() throws {
        #expect(try parse("9223372036854775807") == .integer(Int64.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
    }

    @Test func duplicateMemberIsRejected() {
        #expect(throws: JOSEError.duplicateMember("alg")) { try parse(#"{"alg":"ES256","alg":"none"}"#) }
        #expect(throws: JOSEError.duplicateMember("a")) { try parse(#"{"x":{"a":1,"a":1}}"#) }
    }

    @Test(arguments: [
        "", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity",
        "tru", "nul", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "1 2", "{} {}", "1e999",
    ])
    func malformedJSONIsRejected(text: String) {
        #expect(throws: JOSEError.self) { try parse(text) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: JOSEError.self) { try JSONValue(parsing: [0x22, 0xff, 0xfe, 0x22]) }
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: JOSEError.invalidJSON("nested too deep")) { try parse(deep) }
        let fine = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func serializesCompactlyWithSortedNamesAndEscapes() throws {
        let value: JSONValue = ["z": 1, "a": ["x", true, nil], "m": .string("q\"\\\n\u{01}é"), "d": .double(0.25)]
        #expect(value.jsonString == #"{"a":["x",true,null],"d":0.25,"m":"q\"\\\n\u0001é","z":1}"#)
        // The clean run before the first escape is copied as it is, wherever the escape falls.
        for (text, json) in [("", #""""#), ("\"abc", #""\"abc""#), ("abc\n", #""abc\n""#), ("a\tb\\c", #""a\tb\\c""#)] {
            #expect(JSONValue.string(text).jsonString == json)
        }
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(JSONValue.integer(Int64.min).jsonString == "-9223372036854775808")
        #expect(JSONValue.double(.nan).jsonString == "null")
    }
}
