import Foundation
import PosternCore

/// `postern client add`: registers a client and prints `{"client_id","client_secret"}` (no secret for --public).
enum ClientAddCommand: Command {
    static let name = "client add"
    static let summary = "register a client; prints its id and (once) its secret as JSON"
    static let synopsis = "--name N [--grant G]… [--redirect-uri U]… [--post-logout-redirect-uri U]… [--scope \"a b\"] [--public] [--first-party] [--data-dir D]"
    static let options = [OptionSpec.value("name"), .value("grant", repeatable: true), .value("redirect-uri", repeatable: true),
                          .value("post-logout-redirect-uri", repeatable: true), .value("scope"), .flag("public"),
                          .flag("first-party"), DataDirectoryOption.spec]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let name = arguments.value("name") else { throw UsageError("--name is required") }
        let grants = try (arguments.all("grant").isEmpty ? ["client_credentials"] : arguments.all("grant")).map { text -> GrantType in
            guard let grant = GrantType(rawValue: text) else {
                throw UsageError("unknown grant '\(text)' (\(GrantType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return grant
        }
        let registration = ClientRegistration(name: name, grantTypes: grants, redirectURIs: arguments.all("redirect-uri"),
                                              postLogoutRedirectURIs: arguments.all("post-logout-redirect-uri"),
                                              scope: arguments.value("scope") ?? "openid", isPublic: arguments.has("public"),
                                              firstParty: arguments.has("first-party"))
        let (client, secret): (Client, String?)
        do { (client, secret) = try registration.register(now: OfflineStore.now) } catch {
            throw UsageError(error.publicDescription)
        }
        try OfflineStore.with(arguments) { store in
            try store.update(OfflineStore.origin) { _ in
                ([.clientRegistered(client)], [AuditEntry(type: "client.created", clientID: client.id)], ())
            }
        }
        var output = ["client_id": client.id]
        output["client_secret"] = secret
        let json = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
        return 0
    }
}
