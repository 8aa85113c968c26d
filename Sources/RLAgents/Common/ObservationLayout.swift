import RLEnv
import RLTensor

/// How an environment's observations become network input, decided once from the observation space
/// (SB3's `preprocessing.py`): images (uint8 `Box` of rank 3) are stored as bytes, channel-first
/// (transposed for the user as `VecTransposeImage` does) and scaled by 1/255 when batched; other
/// `Box` observations are float32 vectors; `Discrete` observations are one-hot encoded.
public struct ObservationLayout: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A uint8 image; `transposed` when the env gives height × width × channels.
        case image(channels: Int, height: Int, width: Int, transposed: Bool)
        /// A flat float vector of this many numbers (any `Box` shape, flattened).
        case vector(Int)
        /// A `Discrete(n)` observation, one-hot encoded.
        case oneHot(n: Int, start: Int)
    }

    public let kind: Kind
    /// The shape of the observation space as the env gives it.
    public let envShape: [Int]

    /// Numbers per observation.
    public var size: Int {
        switch kind {
        case .image(let c, let h, let w, _): return c * h * w
        case .vector(let n): return n
        case .oneHot(let n, _): return n
        }
    }

    /// The shape one observation has as network input (`[C, H, W]` or `[n]`).
    public var inputShape: [Int] {
        switch kind {
        case .image(let c, let h, let w, _): return [c, h, w]
        case .vector(let n): return [n]
        case .oneHot(let n, _): return [n]
        }
    }

    /// Whether observations are stored as bytes.
    public var isImage: Bool { if case .image = kind { return true }; return false }

    /// Whether the env's images needed transposing (SB3 then prints "Wrapping the env in a VecTransposeImage.").
    public var isTransposed: Bool { if case .image(_, _, _, let t) = kind { return t }; return false }

    public init(kind: Kind, envShape: [Int]) {
        self.kind = kind
        self.envShape = envShape
    }

    /// The layout for an observation space (SB3's `is_image_space` and `is_image_space_channels_first`).
    public init(space: Space) throws {
        if let d = space as? Discrete {
            self.init(kind: .oneHot(n: d.n, start: d.start), envShape: [])
            return
        }
        guard let box = space as? Box, let shape = box.shape else {
            throw AgentError.unsupportedEnv("observation space \(space) is not supported by the agents yet: use a Box or Discrete observation space (flatten Dict/Tuple observations with a wrapper)")
        }
        let n = shape.reduce(1, *)
        guard n > 0 else { throw AgentError.unsupportedEnv("observation space \(space) has no elements") }
        if ObservationLayout.isImage(box) {
            // Channels-first means the smallest dimension comes first (SB3: argmin(shape) == 0).
            if ObservationLayout.isChannelsFirst(shape) {
                self.init(kind: .image(channels: shape[0], height: shape[1], width: shape[2], transposed: false), envShape: shape)
            } else {
                self.init(kind: .image(channels: shape[2], height: shape[0], width: shape[1], transposed: true), envShape: shape)
            }
            return
        }
        self.init(kind: .vector(n), envShape: shape)
    }

    /// SB3's `is_image_space_channels_first`: the smallest dimension comes first (argmin(shape) == 0).
    public static func isChannelsFirst(_ shape: [Int]) -> Bool {
        guard let m = shape.min() else { return false }
        return shape.firstIndex(of: m) == 0
    }

    /// SB3's `is_image_space(check_channels=False)`: a uint8 Box of rank 3 with bounds [0, 255].
    public static func isImage(_ box: Box) -> Bool {
        guard let shape = box.shape, shape.count == 3, box.dtype == .uint8 else { return false }
        return box.low.allSatisfy { $0 == 0 } && box.high.allSatisfy { $0 == 255 }
    }

    /// Appends one observation to `batch` (bytes for images, floats otherwise).
    public func append(_ value: EnvValue, to batch: inout ObservationBatch) throws {
        switch kind {
        case .image(let c, let h, let w, let transposed):
            guard case .array(let a) = value, a.count == c * h * w else { throw mismatch(value) }
            // uint8 frames are read in place from the observation's buffer (other dtypes converted once).
            let converted: [UInt8]? = a.dtype == .uint8 ? nil : a.bytes
            let body = { (s: UnsafeBufferPointer<UInt8>) in
                if !transposed {
                    batch.bytes.append(contentsOf: s)
                    return
                }
                // HWC -> CHW
                let base = batch.bytes.count
                batch.bytes.append(contentsOf: repeatElement(0, count: c * h * w))
                batch.bytes.withUnsafeMutableBufferPointer { out in
                    let plane = h * w
                    if c == 3 {
                        // RGB frames: three planes written in one pass.
                        let o0 = out.baseAddress! + base, o1 = o0 + plane, o2 = o1 + plane, sp = s.baseAddress!
                        for p in 0..<plane { o0[p] = sp[3 * p]; o1[p] = sp[3 * p + 1]; o2[p] = sp[3 * p + 2] }
                        return
                    }
                    for p in 0..<plane {
                        let si = p * c
                        for ch in 0..<c { out[base + ch * plane + p] = s[si + ch] }
                    }
                }
            }
            if let converted { converted.withUnsafeBufferPointer(body) } else { a.withUnsafeBufferPointer(as: UInt8.self, body) }
        case .vector(let n):
            guard case .array(let a) = value, a.count == n else { throw mismatch(value) }
            if a.dtype == .float32 { a.withUnsafeBufferPointer(as: Float.self) { batch.floats.append(contentsOf: $0) } } else { batch.floats.append(contentsOf: a.scalars.map { Float($0) }) }
        case .oneHot(let n, let start):
            guard let i = value.intValue, i - start >= 0, i - start < n else { throw mismatch(value) }
            var row = [Float](repeating: 0, count: n)
            row[i - start] = 1
            batch.floats.append(contentsOf: row)
        }
        batch.count += 1
    }

    /// A batch holding one observation.
    public func batch(_ value: EnvValue) throws -> ObservationBatch {
        var b = ObservationBatch(layout: self)
        try append(value, to: &b)
        return b
    }

    func mismatch(_ value: EnvValue) -> AgentError {
        let text = "\(value)"
        return .invalidArgument("observation \(text.count > 80 ? String(text.prefix(80)) + "..." : text) does not fit the agent's observation space (shape \(envShape), \(kind))")
    }
}

/// Observations of several envs or transitions, contiguous: bytes for images, floats otherwise.
public struct ObservationBatch: Sendable {
    public let layout: ObservationLayout
    public var count = 0
    public var bytes: [UInt8] = []
    public var floats: [Float] = []

    public init(layout: ObservationLayout) { self.layout = layout }

    /// Float(b) / 255 for every byte b.
    static let byteScale: [Float] = (0..<256).map { Float($0) / 255 }

    /// The observations as a float32 tensor `[count] + inputShape`, images scaled to [0, 1].
    public func tensor() throws -> Tensor {
        let shape = [count] + layout.inputShape
        if layout.isImage {
            // Every element is written (missing bytes read as 0), so the buffer need not be zeroed first.
            let t = Tensor.empty(shape, dtype: .float32)
            try t.withUnsafeMutableScalars(Float.self) { out in
                bytes.withUnsafeBufferPointer { src in
                    ObservationBatch.byteScale.withUnsafeBufferPointer { table in
                        // SB3's preprocess_obs: obs.float() / 255.0, 8 bytes at a time converted and divided in
                        // float32 (each lane the correctly rounded quotient, as the table holds), the tail looked up
                        let n = min(out.count, src.count)
                        var i = 0
                        if n >= 8, let sb = src.baseAddress, let ob = out.baseAddress {
                            let sp = UnsafeRawPointer(sb), op = UnsafeMutableRawPointer(ob)
                            let d = SIMD8<Float>(repeating: 255)
                            while i + 8 <= n {
                                let b = sp.loadUnaligned(fromByteOffset: i, as: SIMD8<UInt8>.self)
                                op.storeBytes(of: SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: b)) / d, toByteOffset: i &* 4, as: SIMD8<Float>.self)
                                i &+= 8
                            }
                        }
                        for j in i..<n { out[j] = table[Int(src[j])] }
                        for j in n..<out.count { out[j] = 0 }
                    }
                }
            }
            return t
        }
        return try Tensor(floats, shape: shape)
    }

    /// Appends every observation of `other` (a batch of the same layout).
    public mutating func append(_ other: ObservationBatch) {
        bytes += other.bytes
        floats += other.floats
        count += other.count
    }

    /// Appends observation `i` of `other` (a batch of the same layout).
    public mutating func append(row i: Int, of other: ObservationBatch) {
        let n = layout.size
        if layout.isImage { bytes += other.bytes[(i * n)..<((i + 1) * n)] } else { floats += other.floats[(i * n)..<((i + 1) * n)] }
        count += 1
    }
}
