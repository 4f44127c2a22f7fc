extension AESGCM {
    /// The output of `seal`: nonce, ciphertext and tag, kept apart so none is confused with another.
    public struct SealedBox: Equatable, Sendable {
        public let nonce: [UInt8]
        public let ciphertext: [UInt8]
        public let tag: [UInt8]

        init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
            self.nonce = nonce
            self.ciphertext = ciphertext
            self.tag = tag
        }

        /// Splits stored bytes `nonce ‖ ciphertext ‖ tag`; throws `CryptoError.malformedInput` when
        /// they are shorter than a nonce and a tag.
        public init(combined: [UInt8]) throws(CryptoError) {
            guard combined.count >= AESGCM.nonceLength + AESGCM.tagLength else {
                throw .malformedInput("AES-GCM box is \(combined.count) bytes, shorter than nonce and tag")
            }
            self.init(nonce: Array(combined.prefix(AESGCM.nonceLength)),
                      ciphertext: Array(combined.dropFirst(AESGCM.nonceLength).dropLast(AESGCM.tagLength)),
                      tag: Array(combined.suffix(AESGCM.tagLength)))
        }

        /// `nonce ‖ ciphertext ‖ tag`, the form written to disk.
        public var combined: [UInt8] { nonce + ciphertext + tag }
    }
}
