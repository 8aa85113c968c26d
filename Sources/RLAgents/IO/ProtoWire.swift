/// The few pieces of the protocol-buffer wire format that TensorBoard event files need
/// (https://protobuf.dev/programming-guides/encoding/): varints, 64- and 32-bit fixed fields and
/// length-delimited fields (strings, nested messages).
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, _ wireType: Int) { varint(UInt64(field << 3 | wireType)) }

    /// An `int64` field (negative values take ten bytes, as protobuf encodes them).
    mutating func int64(_ field: Int, _ value: Int64) {
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    /// A `double` field (wire type 1, little-endian IEEE 754).
    mutating func double(_ field: Int, _ value: Double) {
        key(field, 1)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> UInt64(8 * i))) }
    }

    /// A `float` field (wire type 5).
    mutating func float(_ field: Int, _ value: Float) {
        key(field, 5)
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> UInt32(8 * i))) }
    }

    /// A length-delimited field: a string's UTF-8 or an encoded message.
    mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
        key(field, 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    mutating func string(_ field: Int, _ value: String) { lengthDelimited(field, Array(value.utf8)) }
}

/// One field of a decoded message.
enum ProtoValue {
    case varint(UInt64)
    case fixed64(UInt64)
    case fixed32(UInt32)
    case bytes(ArraySlice<UInt8>)
}

/// Walks the fields of an encoded message; malformed input is `AgentIOError.corrupt`.
struct ProtoReader {
    let data: ArraySlice<UInt8>
    var pos: Int

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        pos = data.startIndex
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < data.endIndex else { throw AgentIOError.corrupt("protobuf: truncated varint") }
            let b = data[pos]
            pos += 1
            guard shift < 64 else { throw AgentIOError.corrupt("protobuf: varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= data.endIndex - pos else { throw AgentIOError.corrupt("protobuf: field of \(n) bytes runs past the message end") }
        defer { pos += n }
        return data[pos..<(pos + n)]
    }

    /// The next field number and value, or nil at the end of the message.
    mutating func next() throws -> (field: Int, value: ProtoValue)? {
        if pos >= data.endIndex { return nil }
        let key = try varint()
        let field = Int(truncatingIfNeeded: key >> 3)
        guard field > 0 else { throw AgentIOError.corrupt("protobuf: field number 0") }
        func littleEndian(_ s: ArraySlice<UInt8>) -> UInt64 { s.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(littleEndian(try take(8))))
        case 2:
            let length = try varint()
            guard length <= UInt64(Int.max) else { throw AgentIOError.corrupt("protobuf: absurd field length") }
            return (field, .bytes(try take(Int(length))))
        case 5: return (field, .fixed32(UInt32(truncatingIfNeeded: littleEndian(try take(4)))))
        default: throw AgentIOError.corrupt("protobuf: unsupported wire type \(key & 7) for field \(field)")
        }
    }
}
