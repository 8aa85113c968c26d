import RLRender

/// Zip archives as SB3 saves models (`stable_baselines3/common/save_util.py` `save_to_zip_file`:
/// `zipfile.ZipFile(path, "w")`, i.e. STORED entries) and as `numpy.savez` writes `.npz` files.
///
/// Layout after PKWARE's APPNOTE.TXT (4.3.7 local file header, 4.3.12 central directory header,
/// 4.3.16 end of central directory record). `write` produces STORED entries with a fixed DOS time
/// (1980-01-01 00:00), so the same entries always give the same bytes. `read` accepts STORED and
/// DEFLATED entries (Python's `ZIP_STORED` / `ZIP_DEFLATED`), checks every CRC-32, and rejects
/// zip64, encrypted entries and other compression methods with `AgentIOError`.
public enum ZipArchive {
    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndLocatorSignature: UInt32 = 0x0706_4B50
    /// 1980-01-01 as an MS-DOS date: (year - 1980) << 9 | month << 5 | day.
    static let dosDate: UInt16 = 1 << 5 | 1
    static let dosTime: UInt16 = 0
    /// Version needed to extract: 2.0, as Python's zipfile writes.
    static let version: UInt16 = 20
    /// Version made by: Unix host (3) << 8 | 2.0, so extractors apply the permissions below.
    static let versionMadeBy: UInt16 = 3 << 8 | 20
    /// External attributes: a regular file, rw-r--r--.
    static let externalAttributes: UInt32 = 0o100644 << 16
    /// Sizes and offsets at or above this need zip64, which this writer does not produce.
    static let limit32 = 0xFFFF_FFFF

    /// A zip archive of STORED entries, in the given order, byte-for-byte deterministic.
    /// - Throws: `AgentIOError.tooLarge` when an entry, the archive or the entry count needs zip64
    ///   (sizes and offsets of 4 GiB or more, more than 65535 entries, names over 65535 bytes).
    public static func write(_ entries: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        guard entries.count < 0xFFFF else {
            throw AgentIOError.tooLarge("zip: \(entries.count) entries (at most 65534 without zip64)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(22) { $0 + $1.bytes.count + 2 * $1.name.utf8.count + 76 })
        var central: [UInt8] = []
        for (name, bytes) in entries {
            let nameBytes = Array(name.utf8)
            guard nameBytes.count <= 0xFFFF else { throw AgentIOError.tooLarge("zip: entry name of \(nameBytes.count) bytes") }
            guard bytes.count < limit32 else {
                throw AgentIOError.tooLarge("zip: entry '\(name)' has \(bytes.count) bytes (4 GiB or more needs zip64)")
            }
            let offset = out.count
            guard offset < limit32 else { throw AgentIOError.tooLarge("zip: archive reaches 4 GiB before entry '\(name)'") }
            let crc = CRC32.checksum(bytes)
            // Bit 11: the name is UTF-8 (set, as Python does, only when it is not plain ASCII).
            let flags: UInt16 = nameBytes.contains(where: { $0 >= 0x80 }) ? 0x0800 : 0
            var local = LittleEndianWriter()
            local.u32(localSignature); local.u16(version); local.u16(flags); local.u16(0) // method 0: stored
            local.u16(dosTime); local.u16(dosDate); local.u32(crc)
            local.u32(UInt32(bytes.count)); local.u32(UInt32(bytes.count))
            local.u16(UInt16(nameBytes.count)); local.u16(0) // no extra field
            out.append(contentsOf: local.bytes)
            out.append(contentsOf: nameBytes)
            out.append(contentsOf: bytes)

            var c = LittleEndianWriter()
            c.u32(centralSignature); c.u16(versionMadeBy); c.u16(version); c.u16(flags); c.u16(0)
            c.u16(dosTime); c.u16(dosDate); c.u32(crc)
            c.u32(UInt32(bytes.count)); c.u32(UInt32(bytes.count))
            c.u16(UInt16(nameBytes.count)); c.u16(0); c.u16(0) // extra, comment lengths
            c.u16(0); c.u16(0); c.u32(externalAttributes) // disk number, internal attributes
            c.u32(UInt32(offset))
            central.append(contentsOf: c.bytes)
            central.append(contentsOf: nameBytes)
        }
        let centralOffset = out.count
        guard centralOffset < limit32, central.count < limit32 else {
            throw AgentIOError.tooLarge("zip: archive of \(centralOffset) bytes (4 GiB or more needs zip64)")
        }
        out.append(contentsOf: central)
        var end = LittleEndianWriter()
        end.u32(endSignature); end.u16(0); end.u16(0)
        end.u16(UInt16(entries.count)); end.u16(UInt16(entries.count))
        end.u32(UInt32(central.count)); end.u32(UInt32(centralOffset)); end.u16(0) // no comment
        out.append(contentsOf: end.bytes)
        return out
    }

    /// The entries of a zip archive, in central-directory order, with their CRC-32 checked.
    /// - Throws: `AgentIOError.corrupt` saying what is wrong (no end record, bad signature, entry out of
    ///   bounds, CRC mismatch, bad DEFLATE data, ...); `AgentIOError.tooLarge` for zip64 archives.
    public static func read(_ bytes: [UInt8]) throws -> [(name: String, bytes: [UInt8])] {
        let r = LittleEndianReader(bytes, what: "zip")
        let end = try findEndRecord(bytes)
        let count = try r.u16(end + 10)
        let centralSize = try r.u32(end + 12)
        let centralOffset = try r.u32(end + 16)
        let hasZip64Locator = try end >= 20 && r.u32(end - 20) == Int(zip64EndLocatorSignature)
        if count == 0xFFFF || centralSize == limit32 || centralOffset == limit32 || hasZip64Locator {
            throw AgentIOError.tooLarge("zip: zip64 archives are not supported")
        }
        guard centralOffset + centralSize <= end else {
            throw AgentIOError.corrupt("zip: central directory (offset \(centralOffset), \(centralSize) bytes) overlaps the end record at \(end)")
        }
        var entries: [(name: String, bytes: [UInt8])] = []
        var p = centralOffset
        for index in 0..<count {
            guard try r.u32(p) == Int(centralSignature) else {
                throw AgentIOError.corrupt("zip: central directory entry \(index) at offset \(p) has a bad signature")
            }
            let flags = try r.u16(p + 8)
            let method = try r.u16(p + 10)
            let crc = UInt32(try r.u32(p + 16))
            let compressedSize = try r.u32(p + 20)
            let size = try r.u32(p + 24)
            let nameLength = try r.u16(p + 28)
            let extraLength = try r.u16(p + 30)
            let commentLength = try r.u16(p + 32)
            let localOffset = try r.u32(p + 42)
            let nameBytes = try r.bytes(p + 46, nameLength)
            let name = String(decoding: nameBytes, as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength
            if compressedSize == limit32 || size == limit32 || localOffset == limit32 {
                throw AgentIOError.tooLarge("zip: entry '\(name)' uses zip64 sizes, which are not supported")
            }
            if flags & 1 != 0 { throw AgentIOError.corrupt("zip: entry '\(name)' is encrypted") }
            guard try r.u32(localOffset) == Int(localSignature) else {
                throw AgentIOError.corrupt("zip: entry '\(name)': no local header at offset \(localOffset)")
            }
            let dataStart = localOffset + 30 + (try r.u16(localOffset + 26)) + (try r.u16(localOffset + 28))
            guard dataStart + compressedSize <= centralOffset else {
                throw AgentIOError.corrupt("zip: entry '\(name)' (\(compressedSize) bytes at \(dataStart)) runs past the entry data")
            }
            let stored = Array(bytes[dataStart..<(dataStart + compressedSize)])
            let data: [UInt8]
            switch method {
            case 0:
                guard compressedSize == size else {
                    throw AgentIOError.corrupt("zip: stored entry '\(name)' has sizes \(compressedSize) and \(size)")
                }
                data = stored
            case 8:
                do { data = try Inflate.decompress(stored, limit: size) } catch let AgentIOError.corrupt(why) {
                    throw AgentIOError.corrupt("zip: entry '\(name)': \(why)")
                }
            default:
                throw AgentIOError.corrupt("zip: entry '\(name)' uses compression method \(method) (only 0 stored and 8 deflate are supported)")
            }
            guard data.count == size else {
                throw AgentIOError.corrupt("zip: entry '\(name)' decompressed to \(data.count) bytes, the header says \(size)")
            }
            let actual = CRC32.checksum(data)
            guard actual == crc else {
                throw AgentIOError.corrupt("zip: entry '\(name)' fails its CRC-32 check (stored \(hex(crc)), computed \(hex(actual)))")
            }
            entries.append((name: name, bytes: data))
        }
        return entries
    }

    /// The offset of the end-of-central-directory record: its signature, searched backwards over
    /// the at most 65535-byte archive comment, with the comment length matching the file's end.
    static func findEndRecord(_ bytes: [UInt8]) throws -> Int {
        guard bytes.count >= 22 else { throw AgentIOError.corrupt("zip: \(bytes.count) bytes is too short for a zip archive") }
        let r = LittleEndianReader(bytes, what: "zip")
        var p = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while p >= lowest {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 0x05, bytes[p + 3] == 0x06 {
                let commentLength = try r.u16(p + 20)
                if p + 22 + commentLength == bytes.count { return p }
            }
            p -= 1
        }
        throw AgentIOError.corrupt("zip: no end-of-central-directory record (not a zip archive, or truncated)")
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
