import Foundation
import PosternCore
import PosternServer
import PosternStore

/// `postern keys list`: the signing keys and their schedule; read-only.
enum KeysListCommand: Command {
    static let name = "keys list"
    static let summary = "list signing keys (kid, state, activation, removal) as JSON lines"
    static let synopsis = "[--data-dir D]"
    static let options = [DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        // Read-only, also while serving: recovery runs on a private copy of the folder's state files.
        let copy = DataDirectory(NSTemporaryDirectory() + "postern-keys-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(atPath: copy.root) }
        // The schedule needs no key: the private keys stay sealed, and the key file stays out of the temporary folder.
        let source = DataDirectoryOption.resolve(arguments)
        _ = try Backup.copy(from: source, to: copy, includingEncryptionKey: false)
        // Result, as in OfflineStore: Swift 6.3 crashes on a rethrow from this typed-throws init.
        let opened = Result { () throws(StoreError) in try FlatFileStore<AuthState>(directory: copy) }
        if case .failure(let error) = opened {
            // Recovery ran on the copy: a bad record is named in the folder the user gave, not in the temporary one.
            throw UsageError.runtime("\(error)".replacingOccurrences(of: copy.root, with: source.root))
        }
        let store = try opened.get()
        let state = store.read { $0 }
        store.close()
        for key in state.keyRing.publishedKeys {
            var fields = ["kid": key.kid, "state": key.state.rawValue, "activates_at": String(key.activatesAt)]
            fields["remove_at"] = key.removeAt.map(String.init)
            let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        }
        return 0
    }
}

/// `postern keys rotate`: publishes a new key now; it signs after one JWKS max-age (API.md "Signing keys").
enum KeysRotateCommand: Command {
    static let name = "keys rotate"
    static let summary = "start a signing-key rotation (the new key signs after the JWKS max-age)"
    static let synopsis = "[--config F] [--data-dir D]"
    static let options = [ConfigOption.spec, DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        // The settings `serve` reads: the new key must be sealed with the encryption key the server opens the others with.
        let config = try ConfigOption.load(arguments)
        // A mistyped folder must not become a new one with a key of its own while the server's stays untouched.
        guard !DataDirectory(config.dataDirectory).isEmptyOrMissing else {
            throw UsageError.runtime("no data folder at \(config.dataDirectory); `postern serve` creates it and its first key")
        }
        let kid: String? = try OfflineStore.with(DataDirectory(config.dataDirectory)) { store in
            let state = store.snapshot()
            let key = try EncryptionKeyFile.load(configured: config.encryptionKey, dataDirectory: config.dataDirectory,
                                                 stateHoldsSealedKeys: !state.sealedKeys.isEmpty)
            let ring = KeyRing(encryptionKey: key, tokenLifetime: Int64(config.accessTokenTTL))
            // A key that cannot open the sealed keys stops here, before a key only it opens is sealed beside them.
            try ring.load(from: state)
            let now = OfflineStore.now
            guard let record = try ring.rotation(state: state, now: now) else { return nil }
            guard case let .signingKeyPublished(kid, _, _, _, activatesAt) = record else { return nil }
            try store.update(OfflineStore.origin) { _ in
                ([record], [AuditEntry(type: "key.rotated", detail: ["kid": kid, "activates_at": String(activatesAt)])], ())
            }
            return kid
        }
        guard let kid else { throw UsageError.runtime("a rotation is already waiting to activate") }
        print("{\"kid\":\"\(kid)\"}")
        return 0
    }
}
