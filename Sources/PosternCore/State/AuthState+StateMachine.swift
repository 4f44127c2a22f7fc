import PosternStore

/// The domain state is what the flat-file store keeps: snapshots encode the primary collections,
/// and the look-up indexes are rebuilt on decode rather than stored twice.
extension AuthState: StateMachine {
    public typealias Record = AuthRecord

    public init() {
        self.init(keyPolicy: KeyRingSchedule.Policy())
    }

    private enum CodingKeys: String, CodingKey {
        case clients, users, keyRing, sealedKeys, families, deniedJTIs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(restoring: try c.decode(KeyRingSchedule.self, forKey: .keyRing),
                      clients: try c.decode([String: Client].self, forKey: .clients),
                      users: try c.decode([String: User].self, forKey: .users),
                      sealedKeys: try c.decode([String: SealedSigningKey].self, forKey: .sealedKeys),
                      families: try c.decode([String: RefreshFamily].self, forKey: .families),
                      deniedJTIs: try c.decode([String: Int64].self, forKey: .deniedJTIs))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clients, forKey: .clients)
        try c.encode(users, forKey: .users)
        try c.encode(keyRing, forKey: .keyRing)
        try c.encode(sealedKeys, forKey: .sealedKeys)
        try c.encode(families, forKey: .families)
        try c.encode(deniedJTIs, forKey: .deniedJTIs)
    }
}
