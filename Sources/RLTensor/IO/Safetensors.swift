import RLSupport

/// Reader and writer for the safetensors format (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length, a JSON header mapping names to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the data section, plus an optional
/// `"__metadata__"` string map), then the raw little-endian tensor bytes.
public enum Safetensors {
    /// Encodes named tensors (in the given order) and optional metadata into file bytes.
    public static func encode(_ tensors: [(String, Tensor)], metadata: [String: String] = [:]) throws -> [UInt8] {
        let e = try Encoding(tensors, metadata: metadata)
        var out: [UInt8] = []
        out.reserveCapacity(e.byteCount)
        e.write { out.append(contentsOf: $0) }
        return out
    }

    /// The file `encode` would return, planned but not built: its size, and `write` to hand it piece by piece
    /// (the header, then each tensor's data straight from its storage) to a file or a checksum.
    public struct Encoding {
        let header: [UInt8]
        let datas: [Tensor]
        let dataCount: Int
        /// The file's size in bytes.
        public var byteCount: Int { 8 + header.count + dataCount }

        public init(_ tensors: [(String, Tensor)], metadata: [String: String] = [:]) throws {
            var entries: [(String, JSONValue)] = []
            if !metadata.isEmpty {
                entries.append(("__metadata__", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
            }
            var seen = Set<String>()
            var datas: [Tensor] = []
            var offset = 0
            for (name, t) in tensors {
                guard seen.insert(name).inserted else { throw TensorError.io("safetensors: duplicate tensor name '\(name)'") }
                let c = t.detach().contiguousData(dtype: t.dtype)
                let n = c.count * t.dtype.size
                entries.append((name, .object([
                    ("dtype", .string(t.dtype.safetensorsName)),
                    ("shape", .array(t.shape.map { .number(Double($0)) })),
                    ("data_offsets", .array([.number(Double(offset)), .number(Double(offset + n))])),
                ])))
                offset += n
                datas.append(c)
            }
            var header = Array(JSONValue.object(entries).text.utf8)
            while header.count % 8 != 0 { header.append(0x20) }
            self.header = header
            self.datas = datas
            self.dataCount = offset
        }

        /// Hands the file to `emit` in order, `byteCount` bytes in all.
        public func write(_ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            var len = UInt64(header.count).littleEndian
            try withUnsafeBytes(of: &len) { try emit($0) }
            try header.withUnsafeBytes { try emit($0) }
            for c in datas {
                // Data is stored little-endian; all supported hosts (x86-64, arm64) are little-endian.
                try withExtendedLifetime(c) {
                    try emit(UnsafeRawBufferPointer(start: c.storage.data + c.offset * c.dtype.size, count: c.count * c.dtype.size))
                }
            }
        }
    }

    /// Decodes file bytes into named tensors (in data order) and metadata.
    public static func decode(_ bytes: [UInt8]) throws -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw TensorError.io("safetensors: file too small (\(bytes.count) bytes)") }
        var n: UInt64 = 0
        for k in 0..<8 { n |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard n <= UInt64(bytes.count - 8) else { throw TensorError.io("safetensors: header length \(n) exceeds file size") }
        let headerEnd = 8 + Int(n)
        let header = try JSONValue.parse(Array(bytes[8..<headerEnd]))
        guard case let .object(kv) = header else { throw TensorError.io("safetensors: header is not a JSON object") }
        var meta: [String: String] = [:]
        var out: [(String, Tensor, Int)] = []
        let dataCount = bytes.count - headerEnd
        for (name, v) in kv {
            if name == "__metadata__" {
                if case let .object(m) = v { for (k, x) in m { if case let .string(s) = x { meta[k] = s } } }
                continue
            }
            guard case let .string(dts)? = v["dtype"], let dt = DType(safetensorsName: dts) else {
                throw TensorError.io("safetensors: tensor '\(name)' has unsupported dtype \(v["dtype"]?.text ?? "?") (supported: F32, F64, I64, U8, BOOL)")
            }
            guard case let .array(sh)? = v["shape"], case let .array(offs)? = v["data_offsets"], offs.count == 2 else {
                throw TensorError.io("safetensors: tensor '\(name)' lacks shape or data_offsets")
            }
            var shape: [Int] = []
            for s in sh {
                guard case let .number(d) = s, d >= 0, d <= Double(dataCount), d == d.rounded() else {
                    throw TensorError.io("safetensors: bad shape for '\(name)' (each size must be a whole number no larger than the data)")
                }
                shape.append(Int(d))
            }
            guard case let .number(b0) = offs[0], case let .number(b1) = offs[1], b0 >= 0, b1 >= b0, b1 <= Double(dataCount) else {
                throw TensorError.io("safetensors: bad offsets for '\(name)' (they must lie within the \(dataCount) data bytes)")
            }
            let begin = Int(b0), end = Int(b1)
            var bytesNeeded = dt.size, overflow = false
            for d in shape where !overflow { (bytesNeeded, overflow) = bytesNeeded.multipliedReportingOverflow(by: d) }
            guard !overflow, end - begin == bytesNeeded else {
                throw TensorError.io("safetensors: tensor '\(name)' has offsets [\(begin), \(end)] inconsistent with shape \(shape) or file size")
            }
            let t = Tensor(uninitialized: shape, dtype: dt)
            bytes.withUnsafeBytes { raw in
                t.storage.data.copyMemory(from: raw.baseAddress! + headerEnd + begin, byteCount: end - begin)
            }
            out.append((name, t, begin))
        }
        return (out.sorted { $0.2 < $1.2 }.map { ($0.0, $0.1) }, meta)
    }

    /// Writes tensors to `path` atomically (temp file + rename).
    public static func save(_ tensors: [(String, Tensor)], to path: String, metadata: [String: String] = [:]) throws {
        do { try FileIO.writeAtomically(try encode(tensors, metadata: metadata), to: path) }
        catch let e as FileError { throw TensorError.io(e.description) }
    }

    /// Reads tensors from `path`.
    public static func load(_ path: String) throws -> [(String, Tensor)] {
        do { return try decode(try FileIO.read(path)).tensors }
        catch let e as FileError { throw TensorError.io(e.description) }
    }
}
