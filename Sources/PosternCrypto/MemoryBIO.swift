internal import COpenSSL

/// Owns one memory `BIO`: the in-memory file that OpenSSL's PEM reader and writer work on.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty BIO to write into.
    init() throws {
        guard let pointer = BIO_new(BIO_s_mem()) else { throw CryptoError.openSSL("BIO_new") }
        self.pointer = pointer
    }

    /// A BIO holding a copy of `bytes`, to read from.
    convenience init(_ bytes: [UInt8]) throws {
        try self.init()
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard bytes.isEmpty || Int(written) == bytes.count else { throw CryptoError.openSSL("BIO_write") }
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far.
    func contents() throws -> [UInt8] {
        let pending = Int(BIO_ctrl_pending(pointer))
        var out = [UInt8](repeating: 0, count: pending)
        if pending == 0 { return out }
        let read = out.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32(pending)) }
        guard Int(read) == pending else { throw CryptoError.openSSL("BIO_read") }
        return out
    }
}
