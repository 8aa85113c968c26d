/// Raw DEFLATE decoding for other modules (the book runner's cell cache reads its compressed entries
/// with it); the decoder itself is `Inflate`.
public enum RawInflate {
    /// Decodes a raw DEFLATE stream; throws on damaged input or when the output would pass `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int = Int.max) throws -> [UInt8] {
        try Inflate.decompress(input, limit: limit)
    }
}
