import Testing
import PosternCrypto
@testable import PosternCore

@Suite struct APIKeyFormatTests {
    @Test func generatedKeysAreWellFormedAndDistinct() {
        let a = APIKeyFormat.generate(), b = APIKeyFormat.generate()
        #expect(a.count == 57)
        #expect(a.hasPrefix("sk_live_"))
        #expect(a != b)
        #expect(APIKeyFormat.isWellFormed(a))
    }

    @Test func checksumIsBase62OfCRC32OfEverythingBefore() {
        let key = APIKeyFormat.generate()
        let head = String(key.dropLast(6))
        // Decode the base62 checksum independently and compare with zlib's CRC-32.
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let value = key.suffix(6).reduce(UInt64(0)) { $0 * 62 + UInt64(alphabet.firstIndex(of: $1)!) }
        #expect(value == UInt64(CRC32.ieee.checksum(Array(head.utf8))))
    }

    @Test func everySingleCharacterTypoIsRefused() {
        let key = Array(APIKeyFormat.generate())
        for i in 8..<key.count {
            var typo = key
            typo[i] = typo[i] == "a" ? "b" : "a"
            #expect(!APIKeyFormat.isWellFormed(String(typo)))
        }
    }

    @Test(arguments: ["", "sk_live_", "sk_test_" + String(repeating: "a", count: 49),
                      "sk_live_" + String(repeating: "a", count: 48), "sk_live_" + String(repeating: "a", count: 50),
                      "sk_live_" + String(repeating: "-", count: 49), "sk_live_" + String(repeating: "é", count: 49)])
    func malformedKeysAreRefused(_ text: String) {
        #expect(!APIKeyFormat.isWellFormed(text))
    }
}
