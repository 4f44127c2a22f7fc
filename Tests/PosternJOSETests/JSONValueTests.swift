import Foundation
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

    /// The word-at-a-time scan against a byte-by-byte escaper written here: every byte that matters (and its
    /// neighbours, which a borrow in the word arithmetic could confuse) at every offset of a string longer than two
    /// words, alone and next to a multi-byte character.
    @Test func wordScanFindsEveryEscapeAtEveryOffset() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for b in bytes {
                switch b {
                case 0x22: out += Array(#"\""#.utf8)
                case 0x5C: out += Array(#"\\"#.utf8)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
                default: out.append(b)
                }
            }
            return out + [0x22]
        }
        let probes: [UInt8] = Array(0...0x23) + [0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA0, 0xA2, 0xDC, 0xFF]
        for probe in probes {
            for offset in 0..<20 {
                for base in [Array(repeating: UInt8(ascii: "a"), count: 20), Array("é🙂xyzé🙂xyzé🙂".utf8)] {
                    var bytes = base
                    bytes[offset % bytes.count] = probe
                    // Only valid UTF-8 reaches a String unchanged; the others are repaired, and then compared repaired.
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(JSONValue.string(text).serialized() == reference(Array(text.utf8)), "byte \(probe) at \(offset)")
                }
            }
        }
        let clean = Array(repeating: UInt8(ascii: "k"), count: 37)
        clean.withUnsafeBufferPointer { #expect(JSONValue.firstEscape(in: $0, from: 3) == 37) }
    }
}
