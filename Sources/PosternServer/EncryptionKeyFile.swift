import Foundation
import PosternCrypto
import PosternStore

/// API.md `POSTERN_ENCRYPTION_KEY`: when not configured, a key generated into the data folder (mode 0600) on first start.
public enum EncryptionKeyFile {
    /// The configured key, else the one in `DATA_DIR/encryption.key`, else, while the state holds no sealed signing
    /// key (a first start), a new one written there (exclusively, fsynced).
    ///
    /// With sealed keys and neither a configured key nor the file, nothing is written: a new key could not open them,
    /// and keys sealed with it beside them would leave the folder needing two keys (the file was lost, or the key
    /// was configured and is missing from this command's settings).
    public static func load(configured: [UInt8]?, dataDirectory: String, stateHoldsSealedKeys: Bool) throws -> [UInt8] {
        if let configured { return configured }
        let path = DataDirectory(dataDirectory).encryptionKeyFile
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw ServerError.startup("\(path) does not hold base64 of 32 bytes"
                    + (stateHoldsSealedKeys ? "" : " (no signing key is sealed with it yet, so deleting it is safe)"))
            }
            return Array(key)
        }
        guard !stateHoldsSealedKeys else {
            throw ServerError.startup("no encryption key for the signing keys sealed in \(dataDirectory): \(path) is missing and "
                + "no key is configured; set POSTERN_ENCRYPTION_KEY (or POSTERN_ENCRYPTION_KEY_FILE, or encryption_key "
                + "in --config FILE) to the key they were sealed with, or put that file back")
        }
        let key = SecureRandom.bytes(32)
        // Whole or not at all, never over another key, and with the folder's entry synced: sealed keys committed next
        // must not outlive, after a power loss, the file that opens them. The folder's LOCK is held, so no one else
        // writes its temporary name.
        do {
            try DataDirectory(dataDirectory).createEncryptionKeyFile(Array((Data(key).base64EncodedString() + "\n").utf8))
        } catch {
            throw ServerError.startup("cannot create \(path): \(error)")
        }
        return key
    }
}
