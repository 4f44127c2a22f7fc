import Foundation
import Testing
@testable import PosternJOSE

@Suite struct JSONStreamEncoderTests {
    enum Shape: Codable, Equatable {
        case empty
        case point(x: Int, y: Int)
        case labelled(String, weight: Double?)
        case nested([Shape])
    }

    struct Nothing: Codable, Equatable {}

    struct Everything: Codable, Equatable {
        var text = "plain"
        var escaped = "quote \" backslash \\ newline \n tab \t nul \u{0} é 😀"
        var small: Int8 = -8
        var big: UInt64 = .max
        var negative: Int64 = .min
        var fraction = 0.1
        var float: Float = 2.5
        var flag = true
        var missing: String? = nil
        var present: String? = "here"
        var bytes: [UInt8] = [0, 1, 255]
        var data = Data([0xde, 0xad, 0xbe, 0xef])
        var date = Date(timeIntervalSinceReferenceDate: 12345.5)
        var url = URL(string: "https://example.com/a?b=c")!
        var matrix: [[Int]] = [[1, 2], [], [3]]
        var map: [String: [String]] = ["b": ["x"], "a": [], "c": ["y", "z"]]
        var numbered: [Int: String] = [2: "two", 10: "ten"]
        var shapes: [Shape] = [.empty, .point(x: 1, y: -2), .labelled("l", weight: nil), .labelled("m", weight: 1.5),
                               .nested([.nested([]), .point(x: 0, y: 0)])]
        var nothing = Nothing()
        var nothings = [Nothing(), Nothing()]
        var optionalShape: Shape? = .point(x: 3, y: 4)
    }

    /// Equal as JSON values to what Foundation writes (key order aside), and JSONDecoder reads it back equal.
    private func check<T: Codable & Equatable>(_ value: T) throws {
        let ours = try JSONStreamEncoder.encode(value)
        let foundation = try JSONEncoder().encode(value)
        #expect(try JSONValue(parsing: ours) == JSONValue(parsing: Array(foundation)))
        #expect(try JSONDecoder().decode(T.self, from: Data(ours)) == value)
    }

    @Test func matchesFoundationForEveryShape() throws {
        try check(Everything())
        try check([Everything(), Everything(text: "second", missing: "set", shapes: [])])
    }

    @Test func topLevelScalarsAndEmptyContainers() throws {
        try check("top")
        try check(42)
        try check([Int]())
        try check([String: Int]())
        try check(Nothing())
        try check(Shape.empty)
        try check([Optional<Int>.none, 1])
    }

    @Test func writesCompactJSON() throws {
        #expect(try JSONStreamEncoder.encode(Shape.point(x: 1, y: 2)) == Array(#"{"point":{"x":1,"y":2}}"#.utf8))
        #expect(try JSONStreamEncoder.encode([[1], [2, 3]]) == Array("[[1],[2,3]]".utf8))
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try JSONStreamEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONStreamEncoder.encode(Everything(fraction: .infinity)) }
    }
}
