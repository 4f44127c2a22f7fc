// libFuzzer entry point for RequestParser: any bytes, split at a data-chosen point, must never crash,
// hang or grow without bound; a request that comes out must respect the limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    limits.body = 4096
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var parser = RequestParser(limits: limits)
    for piece in [bytes[..<cut], bytes[cut...]] {
        parser.append(Array(piece))
        var events = 0
        while let event = parser.nextEvent() {
            events += 1
            precondition(events <= size + 1, "parser produced more events than bytes")
            if case .request(let request) = event {
                precondition(request.body.count <= limits.body, "body over the limit")
                _ = request.queryItems
                _ = request.wantsClose
            }
        }
    }
    _ = try? FormDecoder.decode(bytes)
    return 0
}
