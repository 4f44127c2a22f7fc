import Foundation
import PosternCrypto
#if canImport(Glibc)
import Glibc
#endif

/// API.md `POSTERN_ENCRYPTION_KEY`: when not configured, a key generated into the data folder (mode 0600) on first start.
public enum EncryptionKeyFile {
    /// The configured key, else the one in `DATA_DIR/encryption.key`, else a new one written there (exclusively, fsynced).
    public static func load(configured: [UInt8]?, dataDirectory: String) throws -> [UInt8] {
        if let configured { return configured }
        let path = dataDirectory + "/encryption.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw ServerError.startup("\(path) does not hold base64 of 32 bytes")
            }
            return Array(key)
        }
        let key = SecureRandom.bytes(32)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ServerError.startup("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = Array((Data(key).base64EncodedString() + "\n").utf8)
        guard line.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == line.count, fsync(fd) == 0 else {
            throw ServerError.startup("cannot write \(path)")
        }
        return key
    }
}
