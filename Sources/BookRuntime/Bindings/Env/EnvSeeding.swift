import RLEnv
import RLSupport

/// Seeds environments and spaces created by cells from the book seed (front matter `seed:`,
/// `--seed`, or a cell's `//| seed: N`), so a report is reproducible even where the tutorial does not
/// pass `seed:` itself. Explicit seeds (`env.reset(seed: 42)`, `space.seed(1)`) still win.
///
/// The k-th environment or space made after the seed was set gets a seed derived from (book seed, k);
/// without a book seed nothing is seeded (Gymnasium's behaviour: fresh OS entropy).
final class EnvSeeder {
    weak var session: RunSession?
    private var lastSeed: Int?
    private var counter: UInt64 = 0

    init(session: RunSession?) { self.session = session }

    /// The next derived seed, or nil without a book seed.
    func next() -> Int? {
        guard let seed = session?.seed else { return nil }
        if seed != lastSeed {
            lastSeed = seed
            counter = 0
        }
        counter &+= 1
        // splitmix64 of (seed, counter), kept in numpy's non-negative int range
        let z = SplitMix64.mix(UInt64(bitPattern: Int64(seed)) &+ counter &* SplitMix64.golden)
        return Int(z & 0x7FFF_FFFF)
    }

    /// Seeds a space made without an explicit seed.
    func seed(_ space: Space) {
        if let s = next() { _ = try? space.seed(s) }
    }

    /// Seeds a fresh env's generator and spaces.
    func seed(_ env: Env) {
        guard let s = next() else { return }
        if let g = try? NumpyGenerator.npRandom(seed: s) { env.unwrapped.npRandom = g }
        _ = try? env.actionSpace.seed(s &+ 1)
        _ = try? env.observationSpace.seed(s &+ 2)
    }

    /// Seeds a fresh vector env's sub-envs (when it has them) and batched spaces.
    func seed(_ env: VectorEnv) {
        if let sync = env as? SyncVectorEnv { sync.envs.forEach { seed($0) } }
        if let threaded = env as? ThreadedVectorEnv { threaded.envs.forEach { seed($0) } }
        guard let s = next() else { return }
        _ = try? env.actionSpace.seed(s)
        _ = try? env.observationSpace.seed(s &+ 1)
    }
}
