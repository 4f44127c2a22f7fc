extension StaticString {
    /// The literal as a C string that lives for the whole program: OSSL_PARAM keeps the key pointer
    /// it is given, so a temporary `String` bridge would dangle.
    var cString: UnsafePointer<CChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
