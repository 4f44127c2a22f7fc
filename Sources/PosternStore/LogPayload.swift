/// What one frame of the state log holds: one atomic update, its records and its audit events, numbered.
///
/// State and audit travel in one frame, so a crash can never keep one without the other.
/// `Writer.encode` writes it by hand, embedding each event's audit line as it is.
struct LogPayload<Record: Codable & Sendable>: Decodable, Sendable {
    /// Log sequence number: frames are numbered 1, 2, 3… without gaps.
    let lsn: UInt64
    let records: [Record]
    let audit: [AuditEvent]
}

/// The audit part of a payload, read without knowing the record type (for `audit verify`).
struct AuditOnlyPayload: Decodable {
    let lsn: UInt64
    let audit: [AuditEvent]
}
