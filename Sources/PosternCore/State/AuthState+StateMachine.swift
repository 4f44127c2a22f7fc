import PosternCrypto
import PosternStore

/// The domain state is what the flat-file store keeps: snapshots encode the collections and the refresh-token
/// index (retired hashes live only there); the user look-ups are rebuilt on decode.
extension AuthState: StateMachine {
    public typealias Record = AuthRecord

    public init() {
        self.init(keyPolicy: KeyRingSchedule.Policy())
    }

    private enum CodingKeys: String, CodingKey {
        case clients, users, keyRing, sealedKeys, families, refreshTokenIndex, deniedJTIs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(restoring: try c.decode(KeyRingSchedule.self, forKey: .keyRing),
                      clients: try c.decode([String: Client].self, forKey: .clients),
                      users: try c.decode([String: User].self, forKey: .users),
                      sealedKeys: try c.decode([String: SealedSigningKey].self, forKey: .sealedKeys),
                      families: try c.decode([String: RefreshFamily].self, forKey: .families),
                      refreshTokenIndex: try Self.decodeIndex(c.decode([String: String].self, forKey: .refreshTokenIndex)),
                      deniedJTIs: try c.decode([String: Int64].self, forKey: .deniedJTIs))
    }

    private static func decodeIndex(_ index: [String: String]) throws -> [TokenHash: String] {
        var decoded: [TokenHash: String] = [:]
        for (hex, id) in index {
            guard let hash = Hex.decode(hex), hash.count == 32 else {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.refreshTokenIndex], debugDescription: "bad hash \(hex)"))
            }
            decoded[TokenHash(hash)] = id
        }
        return decoded
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clients, forKey: .clients)
        try c.encode(users, forKey: .users)
        try c.encode(keyRing, forKey: .keyRing)
        try c.encode(sealedKeys, forKey: .sealedKeys)
        try c.encode(families, forKey: .families)
        try c.encode(refreshTokenIndex, forKey: .refreshTokenIndex)
        try c.encode(deniedJTIs, forKey: .deniedJTIs)
    }
}
