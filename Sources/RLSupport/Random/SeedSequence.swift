// Port of numpy's `SeedSequence` (numpy/random/bit_generator.pyx): entropy pool mixing
// (`mix_entropy`, `hashmix`, `mix`) and `generate_state`. Bit-identical to numpy for
// integer entropy and an optional spawn key.

/// numpy's `SeedSequence`: turns user entropy (an integer seed) into well-mixed state words.
///
/// `SeedSequence(0).generateState(4)` equals `np.random.SeedSequence(0).generate_state(4)`.
public struct SeedSequence: Sendable, Equatable {
    /// The entropy as little-endian 32-bit words (numpy's `_coerce_to_uint32_array`).
    public let entropyWords: [UInt32]
    /// The spawn key (children of a sequence); empty for a root sequence.
    public let spawnKey: [UInt32]
    /// The mixed pool of `poolSize` words.
    public let pool: [UInt32]
    /// numpy's default pool size (4 words).
    public static let poolSize = 4

    static let initA: UInt32 = 0x43b0_d7e5
    static let multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd
    static let multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd
    static let mixMultR: UInt32 = 0x4973_f715
    static let xshift: UInt32 = 16

    /// A sequence seeded by a non-negative integer, as `np.random.SeedSequence(seed)`.
    public init(_ seed: UInt64, spawnKey: [UInt32] = []) {
        self.init(entropyWords: SeedSequence.words(of: seed), spawnKey: spawnKey)
    }

    /// A sequence seeded by explicit little-endian 32-bit entropy words (a big integer).
    public init(entropyWords: [UInt32], spawnKey: [UInt32] = []) {
        self.entropyWords = entropyWords.isEmpty ? [0] : entropyWords
        self.spawnKey = spawnKey
        var run = self.entropyWords
        if !spawnKey.isEmpty && run.count < SeedSequence.poolSize {
            run += Array(repeating: 0, count: SeedSequence.poolSize - run.count)
        }
        self.pool = SeedSequence.mixEntropy(run + spawnKey)
    }

    /// A sequence seeded from 128 bits of operating-system entropy, as `np.random.SeedSequence()`.
    public static func fromSystemEntropy() -> SeedSequence {
        var system = SystemRandomNumberGenerator()
        let a = system.next() as UInt64, b = system.next() as UInt64
        var words = [UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: a >> 32),
                     UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32)]
        while words.count > 1 && words.last == 0 { words.removeLast() }
        return SeedSequence(entropyWords: words)
    }

    /// The minimal little-endian 32-bit words of an integer (`[0]` for zero), as numpy's `_int_to_uint32_array`.
    public static func words(of value: UInt64) -> [UInt32] {
        if value == 0 { return [0] }
        var out: [UInt32] = []
        var v = value
        while v > 0 {
            out.append(UInt32(truncatingIfNeeded: v))
            v >>= 32
        }
        return out
    }

    @inline(__always)
    static func hashmix(_ value: UInt32, _ hashConst: inout UInt32) -> UInt32 {
        var v = value ^ hashConst
        hashConst = hashConst &* multA
        v = v &* hashConst
        v ^= v >> xshift
        return v
    }

    @inline(__always)
    static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var r = (mixMultL &* x) &- (mixMultR &* y)
        r ^= r >> xshift
        return r
    }

    static func mixEntropy(_ entropy: [UInt32]) -> [UInt32] {
        var mixer = [UInt32](repeating: 0, count: poolSize)
        var hashConst = initA
        for i in 0..<poolSize {
            mixer[i] = hashmix(i < entropy.count ? entropy[i] : 0, &hashConst)
        }
        for src in 0..<poolSize {
            for dst in 0..<poolSize where src != dst {
                mixer[dst] = mix(mixer[dst], hashmix(mixer[src], &hashConst))
            }
        }
        if entropy.count > poolSize {
            for src in poolSize..<entropy.count {
                for dst in 0..<poolSize {
                    mixer[dst] = mix(mixer[dst], hashmix(entropy[src], &hashConst))
                }
            }
        }
        return mixer
    }

    /// `generate_state(n_words, dtype=np.uint32)`.
    public func generateState(_ nWords: Int) -> [UInt32] {
        var hashConst = SeedSequence.initB
        var state = [UInt32](repeating: 0, count: max(0, nWords))
        for i in 0..<state.count {
            var v = pool[i % pool.count] ^ hashConst
            hashConst = hashConst &* SeedSequence.multB
            v = v &* hashConst
            v ^= v >> SeedSequence.xshift
            state[i] = v
        }
        return state
    }

    /// `generate_state(n_words, dtype=np.uint64)`: pairs of 32-bit words read little-endian.
    public func generateState64(_ nWords: Int) -> [UInt64] {
        let w = generateState(2 * max(0, nWords))
        return (0..<max(0, nWords)).map { UInt64(w[2 * $0]) | (UInt64(w[2 * $0 + 1]) << 32) }
    }

    /// Child sequences, as `SeedSequence.spawn(n)` on a fresh sequence (spawn keys 0..<n).
    public func spawn(_ count: Int) -> [SeedSequence] {
        (0..<max(0, count)).map { SeedSequence(entropyWords: entropyWords, spawnKey: spawnKey + [UInt32(truncatingIfNeeded: $0)]) }
    }
}
