import PosternCrypto

/// Everything Postern knows, in memory: clients, users, signing keys, refresh families, the deny list.
///
/// Reads never touch disk. Changes arrive only as `AuthRecord`s through `apply(_:)`.
public struct AuthState: Sendable, Equatable {
    public private(set) var clients: [String: Client] = [:]
    // The collections that grow with use are sharded: see ShardedDictionary.
    public private(set) var users = ShardedDictionary<String, User>()
    private var userIDByEmail = ShardedDictionary<String, String>()
    private var userIDByUsername = ShardedDictionary<String, String>()
    public private(set) var keyRing: KeyRingSchedule
    /// Sealed PKCS#8 private keys by kid, with their JWS algorithm.
    public private(set) var sealedKeys: [String: SealedSigningKey] = [:]
    public private(set) var families = ShardedDictionary<String, RefreshFamily>()
    /// Every refresh-token hash ever issued, live or retired, → its family (a retired one presented again is reuse).
    private var familyIDByTokenHash = ShardedDictionary<TokenHash, String>()
    /// Denied `jti` → its `exp`.
    public private(set) var deniedJTIs = ShardedDictionary<String, Int64>()

    public init(keyPolicy: KeyRingSchedule.Policy) {
        keyRing = KeyRingSchedule(policy: keyPolicy)
    }

    /// A state from a snapshot's collections, with the user indexes rebuilt.
    init(restoring keyRing: KeyRingSchedule, clients: [String: Client], users: [String: User],
         sealedKeys: [String: SealedSigningKey], families: [String: RefreshFamily],
         refreshTokenIndex: [TokenHash: String], deniedJTIs: [String: Int64]) throws {
        self.keyRing = keyRing
        self.clients = clients
        self.users = ShardedDictionary(users)
        self.sealedKeys = sealedKeys
        self.families = ShardedDictionary(families)
        self.deniedJTIs = ShardedDictionary(deniedJTIs)
        for user in users.values {
            userIDByEmail[user.email] = user.id
            if let name = user.username { userIDByUsername[name.lowercased()] = user.id }
        }
        familyIDByTokenHash = ShardedDictionary(refreshTokenIndex)
    }

    public func user(email: String) -> User? {
        userIDByEmail[User.normalize(email: email)].flatMap { users[$0] }
    }

    /// Usernames are unique without regard to case.
    public func user(username: String) -> User? {
        userIDByUsername[username.lowercased()].flatMap { users[$0] }
    }

    /// The account an email-or-username login names, looked up in its `User.normalize(login:)` form.
    public func user(login: String) -> User? {
        let key = User.normalize(login: login)
        return (User.isEmail(login: login) ? userIDByEmail[key] : userIDByUsername[key]).flatMap { users[$0] }
    }

    /// The family a refresh token hash belongs to, whether it is the live token or a retired one.
    public func family(tokenHash: [UInt8]) -> RefreshFamily? {
        familyIDByTokenHash[TokenHash(tokenHash)].flatMap { families[$0] }
    }

    /// The refresh-token index as a snapshot stores it: lowercase hex hash → family id.
    var refreshTokenIndex: [String: String] {
        var index: [String: String] = [:]
        index.reserveCapacity(familyIDByTokenHash.count)
        for (hash, id) in familyIDByTokenHash { index[Hex.encode(hash.bytes)] = id }
        return index
    }

    /// Revoked one by one (the deny list), or issued from a refresh family that has been revoked since.
    public func isDenied(jti: String) -> Bool {
        if deniedJTIs[jti] != nil { return true }
        guard let family = RefreshFamily.family(ofAccessTokenID: jti) else { return false }
        return families[String(family)]?.isRevoked == true
    }

    public mutating func apply(_ record: AuthRecord) throws(AuthStateError) {
        switch record {
        case let .clientRegistered(client):
            guard clients[client.id] == nil else { throw .duplicate(client.id) }
            clients[client.id] = client
        case let .clientUpdated(client):
            guard clients[client.id] != nil else { throw .missing(client.id) }
            clients[client.id] = client
        case let .clientDeleted(id):
            guard clients.removeValue(forKey: id) != nil else { throw .missing(id) }

        case let .userCreated(user):
            guard users[user.id] == nil, userIDByEmail[user.email] == nil,
                  user.username.map({ userIDByUsername[$0.lowercased()] == nil }) ?? true else { throw .duplicate(user.id) }
            users[user.id] = user
            userIDByEmail[user.email] = user.id
            if let name = user.username { userIDByUsername[name.lowercased()] = user.id }
        case let .userUpdated(user):
            guard let old = users[user.id] else { throw .missing(user.id) }
            let oldName = old.username?.lowercased(), newName = user.username?.lowercased()
            // Check every index first, so a refused update changes nothing.
            if old.email != user.email, userIDByEmail[user.email] != nil { throw .duplicate(user.email) }
            if let newName, newName != oldName, userIDByUsername[newName] != nil { throw .duplicate(newName) }
            userIDByEmail[old.email] = nil
            userIDByEmail[user.email] = user.id
            if let oldName { userIDByUsername[oldName] = nil }
            if let newName { userIDByUsername[newName] = user.id }
            users[user.id] = user

        case let .signingKeyPublished(kid, algorithm, sealed, at, activatesAt):
            guard sealedKeys[kid] == nil else { throw .duplicate(kid) }
            sealedKeys[kid] = SealedSigningKey(algorithm: algorithm, sealedPrivateKey: sealed)
            keyRing.apply(.publish(kid: kid, at: at, activatesAt: activatesAt))
        case let .signingKeyActivated(kid, at, retiredKeyRemoveAt, tokenLifetime):
            guard sealedKeys[kid] != nil else { throw .missing(kid) }
            keyRing.apply(.activate(kid: kid, at: at, retiredKeyRemoveAt: retiredKeyRemoveAt, tokenLifetime: tokenLifetime))
        case let .signingKeyLifetimeRaised(kid, tokenLifetime):
            guard sealedKeys[kid] != nil else { throw .missing(kid) }
            keyRing.apply(.raiseLifetime(kid: kid, tokenLifetime: tokenLifetime))
        case let .signingKeyRemoved(kid):
            keyRing.apply(.remove(kid: kid))
            sealedKeys[kid] = nil

        case let .refreshFamilyStarted(family):
            let hash = TokenHash(family.currentHash)
            guard families[family.id] == nil, familyIDByTokenHash[hash] == nil else { throw .duplicate(family.id) }
            families[family.id] = family
            familyIDByTokenHash[hash] = family.id
        case let .refreshRotated(familyID, successorHash, at, idleLifetime, accessToken):
            guard var family = families[familyID] else { throw .missing(familyID) }
            let hash = TokenHash(successorHash)
            guard familyIDByTokenHash[hash] == nil else { throw .duplicate(familyID) }
            family.rotate(to: successorHash, at: at, idleLifetime: idleLifetime, accessToken: accessToken)
            families[familyID] = family
            familyIDByTokenHash[hash] = familyID
        case let .refreshFamilyRevoked(familyID, at):
            guard var family = families[familyID] else { throw .missing(familyID) }
            family.revoke(at: at)
            families[familyID] = family

        case let .accessTokenDenied(jti, expiresAt):
            deniedJTIs[jti] = max(deniedJTIs[jti] ?? 0, expiresAt)
        }
    }

    /// Drops what can no longer matter at `now` (DESIGN.md: expired codes, tokens and deny-list
    /// entries are dropped at snapshot time): deny-list entries past their `exp`, families past
    /// their absolute lifetime, and revoked families once every access token of theirs has expired.
    public mutating func dropExpired(now: Int64) {
        deniedJTIs = deniedJTIs.filter { $0.value > now }
        let dead = families.filter { _, family in
            // A revoked family is what denies its access tokens (`isDenied`): dropping it while one is unexpired,
            // even past the family's absolute lifetime, would make that token valid again.
            family.isRevoked ? !family.hasLiveAccessTokens(at: now) : now >= family.absoluteExpiresAt
        }
        guard !dead.isEmpty else { return }
        for (id, _) in dead { families[id] = nil }
        familyIDByTokenHash = familyIDByTokenHash.filter { families[$0.value] != nil }
    }
}
