extension AuthorizationService {
    /// API.md "Configuration": `POSTERN_BOOTSTRAP_ADMIN_EMAIL` / `_PASSWORD` create that admin on a first start.
    ///
    /// "First start" is read as: no user has that email yet. So it is idempotent: a restart with the settings still
    /// there changes nothing, and neither the password nor the roles of an existing account are ever overwritten
    /// from the configuration. The user and its `user.registered` event are one commit; the event holds no secret.
    /// Returns the new user, or nil when the account existed.
    @discardableResult
    public func createBootstrapAdmin(email: String, password: String) throws(PosternError) -> User? {
        let snapshot = store.snapshot()
        guard snapshot.user(email: email) == nil else { return nil }
        // The rules and scrypt parameters of every other account (`postern user add`).
        let user = try UserRegistration(email: email, password: password, roles: ["admin"])
            .user(in: snapshot, passwords: passwords, now: clock.now())
        return try store.update(AuditOrigin(requestID: "", ip: "")) { state -> (records: [AuthRecord], audit: [AuditEntry], value: User?) in
            guard state.user(email: user.email) == nil else { return ([], [], nil) }
            return ([.userCreated(user)], [AuditEntry(type: "user.registered", subject: user.id, detail: ["method": "bootstrap"])], user)
        }
    }
}
