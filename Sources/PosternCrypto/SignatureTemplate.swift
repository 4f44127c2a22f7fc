internal import COpenSSL

/// A SHA-256 signing or verifying context prepared once for one key; each operation works on a copy.
///
/// EVP_DigestSignInit in OpenSSL 3.0 fetches the signature and digest implementations from the
/// provider store on every call (a locked lookup). Copying a prepared context skips that: measured
/// 10-15% more ES256 signatures per second on the token endpoint's hot path.
// @unchecked Sendable: after init the template is only ever the const source of EVP_MD_CTX_copy_ex
// (which takes its own references atomically), and every sign or verify runs on its own copy.
final class SignatureTemplate: @unchecked Sendable {
    enum Operation { case sign, verify }

    let key: EVPKey
    private let template: EVPDigestContext

    init(key: EVPKey, operation: Operation) throws {
        self.key = key
        template = try EVPDigestContext()
        let initialized = switch operation {
        case .sign: EVP_DigestSignInit(template.pointer, nil, EVP_sha256(), nil, key.pointer)
        case .verify: EVP_DigestVerifyInit(template.pointer, nil, EVP_sha256(), nil, key.pointer)
        }
        guard initialized == 1 else { throw CryptoError.openSSL("EVP_DigestSignInit/EVP_DigestVerifyInit") }
    }

    /// Signs `message` (ECDSA gives DER, RSA gives PKCS #1 v1.5) into `out`; returns the length.
    func sign(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) throws -> Int {
        let context = try EVPDigestContext(copying: template)
        var length = out.count
        guard EVP_DigestSign(context.pointer, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                             SignatureTemplate.bytes(message), message.count) == 1 else {
            throw CryptoError.openSSL("EVP_DigestSign")
        }
        return length
    }

    /// Whether `signature` (DER for ECDSA) is valid for `message`. Any failure, internal ones
    /// included, answers false: verification fails closed.
    func verify(signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
        guard let context = try? EVPDigestContext(copying: template),
              EVP_DigestVerify(context.pointer, SignatureTemplate.bytes(signature), signature.count,
                               SignatureTemplate.bytes(message), message.count) == 1 else {
            ERR_clear_error()
            return false
        }
        return true
    }

    /// OpenSSL wants a non-null pointer even for zero bytes, which an empty Swift array does not have.
    private static func bytes(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8> {
        buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: UInt8.self)
    }
}
