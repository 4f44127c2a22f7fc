import Foundation
import PosternCore

/// `postern user add`: creates a local account and prints `{"id"}`; the password comes from stdin, never argv. Without
/// `--password-stdin` (optional in API.md) the account has no password yet and cannot log in with one.
enum UserAddCommand: Command {
    static let name = "user add"
    static let summary = "create a user (password from --password-stdin, else none yet); prints its id as JSON"
    static let synopsis = "--email E [--password-stdin] [--admin] [--data-dir D]"
    static let options = [OptionSpec.value("email"), .flag("password-stdin"), .flag("admin"), DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let email = arguments.value("email") else { throw UsageError("--email is required") }
        let password = arguments.has("password-stdin") ? try PasswordInput.readLine() : nil
        let roles = arguments.has("admin") ? ["admin"] : []
        let id: String = try OfflineStore.with(arguments) { store in
            let passwords = PasswordChecker(concurrency: 1, queueDepth: 0)
            let user: User
            do {
                user = try UserRegistration(email: email, password: password, roles: roles)
                    .user(in: store.snapshot(), passwords: passwords, now: OfflineStore.now)
            } catch let error as PosternError {
                let message = error.field.map { "\($0): \(error.publicDescription)" } ?? error.publicDescription
                // A bad email or password is a bad argument (exit 2); a taken email refuses the command (exit 1).
                throw error.code == .invalidRequest ? UsageError(message) : UsageError.runtime(message)
            }
            try store.update(OfflineStore.origin) { _ in
                ([.userCreated(user)], [AuditEntry(type: "user.registered", subject: user.id, detail: ["method": "cli"])], ())
            }
            return user.id
        }
        print("{\"id\":\"\(id)\"}")
        return 0
    }
}
