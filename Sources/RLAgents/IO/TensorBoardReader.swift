import RLSupport

extension TensorBoardWriter {
    /// The scalars of one event file, in file order, with both CRCs of every record checked.
    ///
    /// Reads `simple_value` scalars (what `addScalar` and `SummaryWriter.add_scalar` write) and scalar
    /// tensors (`float_val` / `double_val`, what TF2's `tf.summary.scalar` writes); other events
    /// (file version, graphs, histograms) are skipped. Framing after tensorflow/core/lib/io/record_reader.cc.
    /// - Throws: `AgentIOError.io` if the file cannot be read, `AgentIOError.corrupt` for a truncated
    ///   record, a CRC mismatch or a malformed protocol buffer.
    public static func readScalars(path: String) throws -> [(tag: String, step: Int, value: Double, wallTime: Double)] {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw AgentIOError.io("\(error)") }
        let r = LittleEndianReader(bytes, what: "event file '\(path)'")
        var result: [(tag: String, step: Int, value: Double, wallTime: Double)] = []
        var p = 0
        var index = 0
        while p < bytes.count {
            let lengthBytes = try r.bytes(p, 8)
            let length = try r.u64(p)
            guard UInt32(try r.u32(p + 8)) == CRC32C.masked(lengthBytes) else {
                throw AgentIOError.corrupt("event file '\(path)': record \(index) at offset \(p) fails its length CRC")
            }
            let available = bytes.count - p - 16 // after the 12-byte header and the 4-byte data CRC
            guard available >= 0, length <= UInt64(available) else {
                throw AgentIOError.corrupt("event file '\(path)': record \(index) at offset \(p) claims \(length) data bytes, the file has \(max(0, available)) left (truncated?)")
            }
            let data = try r.bytes(p + 12, Int(length))
            guard UInt32(try r.u32(p + 12 + Int(length))) == CRC32C.masked(data) else {
                throw AgentIOError.corrupt("event file '\(path)': record \(index) at offset \(p) fails its data CRC")
            }
            do {
                try parseEvent(data, into: &result)
            } catch let AgentIOError.corrupt(why) {
                throw AgentIOError.corrupt("event file '\(path)': record \(index): \(why)")
            }
            p += 16 + Int(length)
            index += 1
        }
        return result
    }

    /// Sorted paths of the files in `dir` whose name contains "tfevents" (not recursive); empty if
    /// the folder cannot be read.
    public static func eventFiles(in dir: String) -> [String] {
        let names = FileIO.listDirectory(dir).filter { $0.contains("tfevents") }
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { prefix + $0 }
            .filter { !FileIO.isDirectory($0) }
    }

    /// Event fields 1 (wall_time), 2 (step), 5 (summary); Summary field 1 (value); Value fields
    /// 1 (tag), 2 (simple_value), 8 (tensor).
    static func parseEvent(_ data: [UInt8], into result: inout [(tag: String, step: Int, value: Double, wallTime: Double)]) throws {
        var wallTime = 0.0
        var step = 0
        var summaries: [ArraySlice<UInt8>] = []
        var event = ProtoReader(data[...])
        while let (field, value) = try event.next() {
            switch (field, value) {
            case (1, .fixed64(let bits)): wallTime = Double(bitPattern: bits)
            case (2, .varint(let v)): step = Int(truncatingIfNeeded: Int64(bitPattern: v))
            case (5, .bytes(let s)): summaries.append(s)
            default: break
            }
        }
        for summary in summaries {
            var reader = ProtoReader(summary)
            while let (field, value) = try reader.next() {
                guard field == 1, case .bytes(let v) = value else { continue }
                var tag = ""
                var scalar: Double?
                var valueReader = ProtoReader(v)
                while let (f, x) = try valueReader.next() {
                    switch (f, x) {
                    case (1, .bytes(let s)): tag = String(decoding: s, as: UTF8.self)
                    case (2, .fixed32(let bits)): scalar = Double(Float(bitPattern: bits))
                    case (8, .bytes(let s)): scalar = try tensorScalar(s) ?? scalar
                    default: break
                    }
                }
                if let scalar { result.append((tag: tag, step: step, value: scalar, wallTime: wallTime)) }
            }
        }
    }

    /// The single value of a TensorProto holding one float (field 5) or double (field 6), packed or not.
    static func tensorScalar(_ data: ArraySlice<UInt8>) throws -> Double? {
        var reader = ProtoReader(data)
        var values: [Double] = []
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (5, .fixed32(let bits)): values.append(Double(Float(bitPattern: bits)))
            case (6, .fixed64(let bits)): values.append(Double(bitPattern: bits))
            case (5, .bytes(let packed)):
                let r = LittleEndianReader(Array(packed), what: "packed float_val")
                for i in stride(from: 0, to: packed.count - 3, by: 4) { values.append(Double(Float(bitPattern: UInt32(try r.u32(i))))) }
            case (6, .bytes(let packed)):
                let r = LittleEndianReader(Array(packed), what: "packed double_val")
                for i in stride(from: 0, to: packed.count - 7, by: 8) { values.append(Double(bitPattern: try r.u64(i))) }
            default: break
            }
        }
        return values.count == 1 ? values[0] : nil
    }
}
