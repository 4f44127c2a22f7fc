/// A parsed scrypt PHC string, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`: the one form in which password hashes are stored.
///
/// Parsing is strict and bounded: the stored string may come from a corrupted or hostile
/// store, so it must never crash the server or make it allocate more than `ScryptParameters` allows.
public struct PHCString: Equatable, Sendable {
    public let parameters: ScryptParameters
    public let salt: [UInt8]
    public let hash: [UInt8]

    static let identifier = "scrypt"
    // Salt and hash lengths accepted when reading: 8 bytes is the PHC recommended minimum for a salt,
    // 64 bytes is the PHC maximum output; anything outside is not a hash this server would write.
    static let saltLengths = 8...64
    static let hashLengths = 16...64
    // Longest string the parser looks at: a valid one is under 200 characters.
    static let maximumLength = 512

    init(parameters: ScryptParameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses `text`; throws `CryptoError.malformedInput` saying what is wrong (never the hash itself).
    public init(parsing text: String) throws(CryptoError) {
        guard text.utf8.count <= Self.maximumLength else { throw .malformedInput("PHC string too long") }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        // PHC string format: `$<id>[$v=<version>][$<param>=<value>(,<param>=<value>)*][$<salt>[$<hash>]]`;
        // Postern writes and accepts exactly the scrypt form with parameters, salt and hash.
        guard fields.count == 5, fields[0].isEmpty, fields[1] == Self.identifier else {
            throw .malformedInput("not a $scrypt$ln=…,r=…,p=…$salt$hash string")
        }
        let values = try Self.parameterValues(fields[2], names: ["ln", "r", "p"])
        let parameters = try ScryptParameters(logN: values[0], blockSize: values[1], parallelism: values[2])
        guard let salt = PHCBase64.decode(fields[3]), Self.saltLengths.contains(salt.count) else {
            throw .malformedInput("PHC salt is not 8 to 64 bytes of unpadded base64")
        }
        guard let hash = PHCBase64.decode(fields[4]), Self.hashLengths.contains(hash.count) else {
            throw .malformedInput("PHC hash is not 16 to 64 bytes of unpadded base64")
        }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The string to store.
    public var encoded: String {
        "$\(Self.identifier)$ln=\(parameters.logN),r=\(parameters.blockSize),p=\(parameters.parallelism)"
            + "$\(PHCBase64.encode(salt))$\(PHCBase64.encode(hash))"
    }

    /// Reads `name=value` pairs in exactly the given order.
    private static func parameterValues(_ field: Substring, names: [String]) throws(CryptoError) -> [Int] {
        let pairs = field.split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count == names.count else { throw .malformedInput("PHC parameters must be ln, r and p") }
        var values: [Int] = []
        for (pair, name) in zip(pairs, names) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name, let value = decimal(parts[1]) else {
                throw .malformedInput("PHC parameter \(name) missing or not a small decimal")
            }
            values.append(value)
        }
        return values
    }

    /// PHC string format: decimal values have no sign and no leading zero. At most 6 digits so
    /// the value can never overflow; the bounds check in `ScryptParameters` does the rest.
    private static func decimal(_ text: Substring) -> Int? {
        let digits = text.utf8
        guard (1...6).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        return Int(text)
    }
}
