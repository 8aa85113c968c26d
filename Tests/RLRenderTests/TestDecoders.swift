// Independent decoders used only by tests: a straightforward inflate (after Mark Adler's puff.c
// structure: bit-by-bit Huffman decoding from code-length counts), a PNG reader and a GIF reader.
// None of this shares code with the encoders under test.

struct DecodeError: Error, CustomStringConvertible {
    let description: String
    init(_ s: String) { description = s }
}

/// RFC 1951 inflate of a raw DEFLATE stream.
struct TestInflate {
    var input: [UInt8]
    var pos = 0
    var bitBuf = 0
    var bitCnt = 0
    var out: [UInt8] = []

    init(_ input: [UInt8]) { self.input = input }

    mutating func bits(_ need: Int) throws -> Int {
        var val = bitBuf
        while bitCnt < need {
            guard pos < input.count else { throw DecodeError("input ended early") }
            val |= Int(input[pos]) << bitCnt
            pos += 1
            bitCnt += 8
        }
        bitBuf = val >> need
        bitCnt -= need
        return val & ((1 << need) - 1)
    }

    struct Huffman { var count: [Int]; var symbol: [Int] }

    static func build(_ lengths: [Int]) throws -> Huffman {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths { count[l] += 1 }
        var left = 1
        for len in 1..<16 {
            left <<= 1
            left -= count[len]
            if left < 0 { throw DecodeError("over-subscribed code") }
        }
        var offs = [Int](repeating: 0, count: 16)
        for len in 1..<15 { offs[len + 1] = offs[len] + count[len] }
        var symbol = [Int](repeating: 0, count: lengths.count)
        for (s, l) in lengths.enumerated() where l != 0 { symbol[offs[l]] = s; offs[l] += 1 }
        count[0] = 0
        return Huffman(count: count, symbol: symbol)
    }

    mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for len in 1..<16 {
            code |= try bits(1)
            let c = h.count[len]
            if code - c < first { return h.symbol[index + (code - first)] }
            index += c
            first += c
            first <<= 1
            code <<= 1
        }
        throw DecodeError("ran out of codes")
    }

    static let lbase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lext = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let dbase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                        4097, 6145, 8193, 12289, 16385, 24577]
    static let dext = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    mutating func codes(_ lencode: Huffman, _ distcode: Huffman) throws {
        while true {
            var sym = try decode(lencode)
            if sym < 256 { out.append(UInt8(sym)); continue }
            if sym == 256 { return }
            sym -= 257
            guard sym < 29 else { throw DecodeError("bad length symbol") }
            let len = TestInflate.lbase[sym] + (try bits(TestInflate.lext[sym]))
            let ds = try decode(distcode)
            guard ds < 30 else { throw DecodeError("bad distance symbol") }
            let dist = TestInflate.dbase[ds] + (try bits(TestInflate.dext[ds]))
            guard dist <= out.count else { throw DecodeError("distance too far back") }
            for _ in 0..<len { out.append(out[out.count - dist]) }
        }
    }

    mutating func run() throws -> [UInt8] {
        var last = 0
        repeat {
            last = try bits(1)
            let type = try bits(2)
            switch type {
            case 0:
                bitBuf = 0; bitCnt = 0
                guard pos + 4 <= input.count else { throw DecodeError("stored header cut") }
                let len = Int(input[pos]) | Int(input[pos + 1]) << 8
                let nlen = Int(input[pos + 2]) | Int(input[pos + 3]) << 8
                guard len == (~nlen & 0xFFFF) else { throw DecodeError("stored length check failed") }
                pos += 4
                guard pos + len <= input.count else { throw DecodeError("stored data cut") }
                out += input[pos..<(pos + len)]
                pos += len
            case 1:
                var l = [Int](repeating: 8, count: 288)
                for s in 144..<256 { l[s] = 9 }
                for s in 256..<280 { l[s] = 7 }
                try codes(try TestInflate.build(l), try TestInflate.build([Int](repeating: 5, count: 30)))
            case 2:
                let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var cl = [Int](repeating: 0, count: 19)
                for i in 0..<ncode { cl[order[i]] = try bits(3) }
                let clCode = try TestInflate.build(cl)
                var lengths: [Int] = []
                while lengths.count < nlen + ndist {
                    let sym = try decode(clCode)
                    if sym < 16 { lengths.append(sym); continue }
                    var rep = 0, val = 0
                    if sym == 16 {
                        guard let p = lengths.last else { throw DecodeError("repeat with no previous length") }
                        val = p; rep = 3 + (try bits(2))
                    } else if sym == 17 { rep = 3 + (try bits(3)) } else { rep = 11 + (try bits(7)) }
                    lengths += [Int](repeating: val, count: rep)
                }
                guard lengths.count == nlen + ndist else { throw DecodeError("too many lengths") }
                guard lengths[256] > 0 else { throw DecodeError("no end-of-block code") }
                try codes(try TestInflate.build(Array(lengths[0..<nlen])), try TestInflate.build(Array(lengths[nlen...])))
            default: throw DecodeError("invalid block type 3")
            }
        } while last == 0
        return out
    }

    /// Inflates a zlib stream and checks its header and Adler-32 (computed here the slow way).
    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6, data[0] & 0x0F == 8, (Int(data[0]) * 256 + Int(data[1])) % 31 == 0 else { throw DecodeError("bad zlib header") }
        var inf = TestInflate(Array(data[2...]))
        let out = try inf.run()
        let tail = Array(data[(2 + inf.pos)...])
        guard tail.count == 4 else { throw DecodeError("trailer length \(tail.count)") }
        var a = 1, b = 0
        for byte in out { a = (a + Int(byte)) % 65521; b = (b + a) % 65521 }
        let expect = UInt32(b << 16 | a)
        let got = UInt32(tail[0]) << 24 | UInt32(tail[1]) << 16 | UInt32(tail[2]) << 8 | UInt32(tail[3])
        guard expect == got else { throw DecodeError("adler mismatch") }
        return out
    }
}

/// Bitwise CRC-32 (no tables), independent of the encoder's table-driven one.
func slowCRC32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
    }
    return ~c
}

/// A PNG reader for 8-bit gray / gray+alpha / RGB / RGBA, non-interlaced.
struct TestPNG {
    var width = 0, height = 0, channels = 0
    var pixels: [UInt8] = []

    init(_ data: [UInt8]) throws {
        guard data.count > 8, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DecodeError("not a PNG") }
        func be(_ p: Int) -> Int { Int(data[p]) << 24 | Int(data[p + 1]) << 16 | Int(data[p + 2]) << 8 | Int(data[p + 3]) }
        var p = 8
        var idat: [UInt8] = []
        var sawEnd = false
        while p + 12 <= data.count {
            let len = be(p)
            let type = String(decoding: data[(p + 4)..<(p + 8)], as: UTF8.self)
            let body = Array(data[(p + 8)..<(p + 8 + len)])
            guard UInt32(be(p + 8 + len)) == slowCRC32(Array(data[(p + 4)..<(p + 8 + len)])) else { throw DecodeError("CRC mismatch in \(type)") }
            switch type {
            case "IHDR":
                width = Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
                height = Int(body[4]) << 24 | Int(body[5]) << 16 | Int(body[6]) << 8 | Int(body[7])
                guard body[8] == 8, body[12] == 0 else { throw DecodeError("unsupported depth/interlace") }
                switch body[9] {
                case 0: channels = 1
                case 4: channels = 2
                case 2: channels = 3
                case 6: channels = 4
                default: throw DecodeError("unsupported colour type \(body[9])")
                }
            case "IDAT": idat += body
            case "IEND": sawEnd = true
            default: break
            }
            p += 12 + len
        }
        guard sawEnd else { throw DecodeError("no IEND") }
        let raw = try TestInflate.zlib(idat)
        let stride = width * channels
        guard raw.count == (stride + 1) * height else { throw DecodeError("data size \(raw.count)") }
        pixels = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let f = raw[y * (stride + 1)]
            for i in 0..<stride {
                let x = Int(raw[y * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(pixels[y * stride + i - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + i]) : 0
                let c = (y > 0 && i >= channels) ? Int(pixels[(y - 1) * stride + i - channels]) : 0
                var v: Int
                switch f {
                case 0: v = x
                case 1: v = x + a
                case 2: v = x + b
                case 3: v = x + (a + b) / 2
                case 4:
                    let pp = a + b - c
                    let pa = abs(pp - a), pb = abs(pp - b), pc = abs(pp - c)
                    v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
                default: throw DecodeError("bad filter \(f)")
                }
                pixels[y * stride + i] = UInt8(v & 0xFF)
            }
        }
    }
}

/// A GIF reader: global/local tables, graphic control (delay, disposal), LZW, NETSCAPE loop.
struct TestGIF {
    var width = 0, height = 0
    var frames: [[UInt8]] = []   // RGB
    var delays: [Int] = []
    var loops = false
    var paletteSize = 0

    init(_ d: [UInt8]) throws {
        guard d.count > 13, String(decoding: d[0..<6], as: UTF8.self) == "GIF89a" else { throw DecodeError("not GIF89a") }
        width = Int(d[6]) | Int(d[7]) << 8
        height = Int(d[8]) | Int(d[9]) << 8
        var p = 13
        var global: [UInt8] = []
        if d[10] & 0x80 != 0 {
            let n = 3 << (Int(d[10] & 7) + 1)
            global = Array(d[p..<(p + n)]); p += n
            paletteSize = n / 3
        }
        var canvas = [UInt8](repeating: 0, count: width * height * 3)
        var delay = 0, disposal = 0
        func subBlocks() -> [UInt8] {
            var out: [UInt8] = []
            while d[p] != 0 { let n = Int(d[p]); out += d[(p + 1)...(p + n)]; p += n + 1 }
            p += 1
            return out
        }
        while p < d.count {
            let b = d[p]; p += 1
            if b == 0x3B { return }
            if b == 0x21 {
                let label = d[p]; p += 1
                let body = subBlocks()
                if label == 0xF9 { disposal = Int(body[0] >> 2) & 7; delay = Int(body[1]) | Int(body[2]) << 8 }
                if label == 0xFF && String(decoding: body.prefix(11), as: UTF8.self) == "NETSCAPE2.0" { loops = true }
                continue
            }
            guard b == 0x2C else { throw DecodeError("unexpected block \(b)") }
            let x0 = Int(d[p]) | Int(d[p + 1]) << 8, y0 = Int(d[p + 2]) | Int(d[p + 3]) << 8
            let w = Int(d[p + 4]) | Int(d[p + 5]) << 8, h = Int(d[p + 6]) | Int(d[p + 7]) << 8
            let flags = d[p + 8]; p += 9
            var table = global
            if flags & 0x80 != 0 { let n = 3 << (Int(flags & 7) + 1); table = Array(d[p..<(p + n)]); p += n }
            guard flags & 0x40 == 0 else { throw DecodeError("interlace unsupported") }
            let minCode = Int(d[p]); p += 1
            let indices = try TestGIF.lzw(subBlocks(), minCode: minCode, count: w * h)
            guard x0 + w <= width, y0 + h <= height else { throw DecodeError("frame outside the screen") }
            for y in 0..<h { for x in 0..<w {
                let i = Int(indices[y * w + x]) * 3
                guard i + 2 < table.count else { throw DecodeError("index outside the palette") }
                let o = ((y0 + y) * width + x0 + x) * 3
                canvas[o] = table[i]; canvas[o + 1] = table[i + 1]; canvas[o + 2] = table[i + 2]
            } }
            frames.append(canvas)
            delays.append(delay)
            guard disposal <= 1 else { throw DecodeError("disposal \(disposal) not expected") }
        }
        throw DecodeError("no trailer")
    }

    static func lzw(_ data: [UInt8], minCode: Int, count: Int) throws -> [UInt8] {
        let clear = 1 << minCode, eoi = clear + 1
        var size = minCode + 1
        var dict: [[UInt8]] = (0..<clear).map { [UInt8($0)] } + [[], []]
        var out: [UInt8] = []
        var prev: [UInt8]? = nil
        var bitPos = 0
        while true {
            var code = 0
            for k in 0..<size {
                let bp = bitPos + k
                guard bp / 8 < data.count else { throw DecodeError("LZW data ended without EOI") }
                code |= Int((data[bp / 8] >> (bp % 8)) & 1) << k
            }
            bitPos += size
            if code == clear {
                size = minCode + 1
                dict = Array(dict[0..<(clear + 2)])
                prev = nil
                continue
            }
            if code == eoi { break }
            var entry: [UInt8]
            if code < dict.count { entry = dict[code] }
            else if code == dict.count, let p = prev { entry = p + [p[0]] }
            else { throw DecodeError("bad LZW code \(code) (table \(dict.count))") }
            out += entry
            if let p = prev, dict.count < 4096 { dict.append(p + [entry[0]]) }
            prev = entry
            if dict.count == (1 << size) && size < 12 { size += 1 }
        }
        guard out.count == count else { throw DecodeError("LZW gave \(out.count) pixels, expected \(count)") }
        return out
    }
}
