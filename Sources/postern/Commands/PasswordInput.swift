#if canImport(Glibc)
import Glibc
#endif
import PosternCore

/// `--password-stdin`: the first line of standard input, read as bytes and checked before any folder is opened.
enum PasswordInput {
    /// The password on stdin's first line (a trailing CR dropped). At most one byte past the longest accepted password is
    /// read, so `< /dev/zero` or a log file cannot exhaust memory. `readLine` stopped the password at a NUL and
    /// replaced invalid UTF-8 with U+FFFD: either way the account got another password than the one given.
    static func readLine() throws(UsageError) -> String {
        let limit = UserRegistration.maximumPasswordBytes + 1
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count <= limit {
            let count = read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw UsageError("cannot read the password from stdin: \(String(cString: strerror(errno)))") }
            if count == 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count <= UserRegistration.maximumPasswordBytes else { throw UsageError("password: password is too long") }
        guard !bytes.contains(0) else { throw UsageError("password: password must not contain a NUL byte") }
        guard let password = String(validating: bytes, as: UTF8.self) else { throw UsageError("password: password is not valid UTF-8") }
        return password
    }
}
