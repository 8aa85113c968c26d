import RLSupport
import RLTensor

/// A batch drawn from a replay buffer (SB3's `ReplayBufferSamples`), as float32 tensors.
public struct ReplaySamples {
    /// `[B] + inputShape`, images scaled to [0, 1].
    public var observations: Tensor
    public var nextObservations: Tensor
    /// `[B, 1]` int64 action indices.
    public var actions: Tensor
    /// `[B, 1]`.
    public var rewards: Tensor
    /// `[B, 1]`: 1 where the episode terminated (time-limit truncations count as not done).
    public var dones: Tensor
}

/// DQN's experience replay with SB3's semantics (`buffers.py` `ReplayBuffer`, with
/// `handle_timeout_termination=True`): `bufferSize` transitions in all, `bufferSize / nEnvs` per env,
/// the oldest overwritten first, batches drawn uniformly.
///
/// Unlike SB3, which keeps `observations` and `next_observations` (two copies of every frame), each
/// observation is stored **once**: transition t's next observation is transition t+1's observation,
/// except where an episode ended, whose last observation is kept aside. Storage grows as transitions
/// arrive, so the default 1M buffer costs nothing until it fills, and frames are kept compressed
/// (`FrameCodec`), which CarRacing's flat-coloured frames allow losslessly.
public final class ReplayBuffer {
    public let bufferSize: Int
    public let nEnvs: Int
    public let layout: ObservationLayout
    /// Transitions kept per env.
    public let perEnv: Int
    /// Whether image frames are compressed.
    public let compressFrames: Bool

    /// Observations added so far per env (a global step count; all envs step together).
    public private(set) var added = 0
    // Frame ring of perEnv + 1 slots per env (index: slot * nEnvs + env).
    private var frames: [[UInt8]] = []
    private var floats: [Float] = []
    private var frameSlotsFilled = 0
    // Per transition (index: slot * nEnvs + env).
    private var actions: [Int32] = []
    private var rewards: [Float] = []
    private var dones: [Bool] = []
    private var timeouts: [Bool] = []
    private var terminal: [Int: [UInt8]] = [:]
    private var terminalFloats: [Int: [Float]] = [:]
    private var lastDone: [Bool]
    /// Bytes of frames and vectors currently held (for the memory report).
    public private(set) var storedBytes = 0
    /// The memory this process may use for the buffer before it refuses to grow.
    let memoryBudget: Int

    public init(bufferSize: Int, nEnvs: Int, layout: ObservationLayout, compressFrames: Bool = true, memoryBudget: Int? = nil) throws {
        guard bufferSize >= 1 else { throw AgentError.invalidArgument("bufferSize must be at least 1, got \(bufferSize)") }
        self.bufferSize = bufferSize
        self.nEnvs = nEnvs
        self.layout = layout
        self.perEnv = max(bufferSize / nEnvs, 1)
        self.compressFrames = compressFrames && layout.isImage
        self.lastDone = Array(repeating: true, count: nEnvs)
        self.memoryBudget = memoryBudget ?? ReplayBuffer.defaultBudget()
    }

    /// The number of transitions that can be sampled.
    public var count: Int { size * nEnvs }
    /// Transitions kept per env (SB3's `size()`: `buffer_size` once full, else `pos`).
    public var size: Int { min(added, perEnv) }
    /// The slot the next transitions go to (SB3's `pos`).
    public var pos: Int { added % perEnv }
    /// Whether the buffer has wrapped around.
    public var isFull: Bool { added >= perEnv }

    /// Bytes SB3's buffer would take for the same transitions: obs + next obs (uint8 or float32),
    /// int64 action, float32 reward, done and timeout.
    public var sb3BytesPerTransition: Int {
        let obsBytes = layout.isImage ? layout.size : layout.size * 4
        return 2 * obsBytes + 8 + 4 + 4 + 4
    }

    /// Bytes this buffer holds per stored transition (frames as stored plus per-transition fields).
    public var bytesPerTransition: Double {
        let n = max(count, 1)
        return Double(storedBytes) / Double(n) + 4 + 4 + 1 + 1
    }

    /// The worst case (uncompressed) memory of a full buffer, for the up-front warning.
    public var fullSizeBytes: Int {
        let obsBytes = layout.isImage ? layout.size : layout.size * 4
        return (perEnv + 1) * nEnvs * obsBytes + perEnv * nEnvs * 10
    }

    /// Adds one transition per env: observations before the step, actions, rewards, next observations
    /// (the last observation for envs whose episode ended), `dones`, and time-limit truncations.
    public func add(observations obs: ObservationBatch, nextObservations next: ObservationBatch, actions acts: [Int],
                    rewards rs: [Double], dones ds: [Bool], timeouts ts: [Bool]) throws {
        let slot = added % perEnv
        let frameSlot = added % (perEnv + 1)
        let nextFrameSlot = (added + 1) % (perEnv + 1)
        if actions.count < (slot + 1) * nEnvs {
            actions += repeatElement(0, count: nEnvs); rewards += repeatElement(0, count: nEnvs)
            dones += repeatElement(false, count: nEnvs); timeouts += repeatElement(false, count: nEnvs)
        }
        for e in 0..<nEnvs {
            let k = slot * nEnvs + e
            if let old = terminal.removeValue(forKey: k) { storedBytes -= old.count }
            if let old = terminalFloats.removeValue(forKey: k) { storedBytes -= old.count * 4 }
            if lastDone[e] || added == 0 { try putFrame(frameSlot, e, obs, row: e) }
            if ds[e] {
                if layout.isImage { terminal[k] = encode(next, row: e) } else { terminalFloats[k] = floatsRow(next, e) }
                storedBytes += layout.isImage ? terminal[k]!.count : layout.size * 4
            } else {
                try putFrame(nextFrameSlot, e, next, row: e)
            }
            actions[k] = Int32(acts[e]); rewards[k] = Float(rs[e]); dones[k] = ds[e]; timeouts[k] = ts[e]
            lastDone[e] = ds[e]
        }
        added += 1
    }

    /// The envs were reset outside an episode end (an evaluation on the training env): the last
    /// transitions keep their next observations aside, and the next observations added start anew.
    public func markEpisodeStart() {
        guard added > 0 else { return }
        let slot = (added - 1) % perEnv
        let frameSlot = added % (perEnv + 1)
        for e in 0..<nEnvs where !lastDone[e] {
            let k = slot * nEnvs + e, idx = frameSlot * nEnvs + e
            if layout.isImage {
                terminal[k] = frames[idx]; storedBytes += frames[idx].count
            } else {
                let n = layout.size
                terminalFloats[k] = Array(floats[(idx * n)..<((idx + 1) * n)]); storedBytes += n * 4
            }
            lastDone[e] = true
        }
    }

    /// Draws `batchSize` transitions uniformly (with replacement), as SB3's `sample`.
    public func sample(_ batchSize: Int, rng: NumpyGenerator) throws -> ReplaySamples {
        guard count > 0 else { throw AgentError.invalidArgument("cannot sample from an empty replay buffer") }
        let upper = min(added, perEnv)
        var obs = ObservationBatch(layout: layout), next = ObservationBatch(layout: layout)
        // Images: the stored frames of each row (references, not copies), decoded below straight into the tensors.
        var obsFrames: [[UInt8]] = [], nextFrames: [[UInt8]] = []
        if layout.isImage {
            obsFrames.reserveCapacity(batchSize); nextFrames.reserveCapacity(batchSize)
        } else {
            obs.floats.reserveCapacity(batchSize * layout.size); next.floats.reserveCapacity(batchSize * layout.size)
        }
        var a = [Int64](), r = [Float](), d = [Float]()
        a.reserveCapacity(batchSize); r.reserveCapacity(batchSize); d.reserveCapacity(batchSize)
        for _ in 0..<batchSize {
            let slot = rng.boundedInt(offset: 0, inclusiveRange: UInt64(upper - 1))
            let e = nEnvs == 1 ? 0 : rng.boundedInt(offset: 0, inclusiveRange: UInt64(nEnvs - 1))
            // The step count t of the transition in this slot (the most recent one).
            let t = added <= perEnv ? slot : (added - 1) - ((added - 1 - slot) % perEnv)
            let k = slot * nEnvs + e
            if layout.isImage {
                obsFrames.append(frames[(t % (perEnv + 1)) * nEnvs + e])
                nextFrames.append(terminal[k] ?? frames[((t + 1) % (perEnv + 1)) * nEnvs + e])
            } else {
                appendFrame(t % (perEnv + 1), e, to: &obs)
                if let side = terminalFloats[k] {
                    next.floats += side; next.count += 1
                } else {
                    appendFrame((t + 1) % (perEnv + 1), e, to: &next)
                }
            }
            a.append(Int64(actions[k])); r.append(rewards[k])
            d.append(dones[k] && !timeouts[k] ? 1 : 0)
        }
        let actionsT = try Tensor(a, shape: [batchSize, 1]), rewardsT = try Tensor(r, shape: [batchSize, 1]), donesT = try Tensor(d, shape: [batchSize, 1])
        guard layout.isImage else {
            return ReplaySamples(observations: try obs.tensor(), nextObservations: try next.tensor(), actions: actionsT, rewards: rewardsT, dones: donesT)
        }
        let (o, n) = try decodeFrames(obsFrames, nextFrames)
        return ReplaySamples(observations: o, nextObservations: n, actions: actionsT, rewards: rewardsT, dones: donesT)
    }

    /// The stored frames of a batch's observations and next observations as float32 tensors `[B] + inputShape`
    /// scaled to [0, 1] (the values `ObservationBatch.tensor` gives), each frame decoded straight into its row, the
    /// rows in parts across the threads (a CarRacing batch of 32 is 2 × 885K floats).
    private func decodeFrames(_ obs: [[UInt8]], _ next: [[UInt8]]) throws -> (Tensor, Tensor) {
        let n = layout.size, rows = obs.count + next.count, compressed = compressFrames
        let ot = Tensor.empty([obs.count] + layout.inputShape, dtype: .float32)
        let nt = Tensor.empty([next.count] + layout.inputShape, dtype: .float32)
        try ot.withUnsafeMutableScalars(Float.self) { ob in
            try nt.withUnsafeMutableScalars(Float.self) { nb in
                guard let op = ob.baseAddress, let np = nb.baseAddress else { return }
                let parts = rows * n >= (1 << 16) ? min(rows, 4 * ParallelLoop.threads) : 1
                ParallelLoop.run(parts) { t in
                    for row in (t * rows / parts)..<((t + 1) * rows / parts) {
                        let isObs = row < obs.count, i = isObs ? row : row - obs.count
                        let data = isObs ? obs[i] : next[i], out = (isObs ? op : np) + i * n
                        if compressed { FrameCodec.decode(data, count: n, scaledInto: out) } else { FrameCodec.scale(data, count: n, into: out) }
                    }
                }
            }
        }
        return (ot, nt)
    }

    // MARK: - Frames

    private func putFrame(_ frameSlot: Int, _ e: Int, _ batch: ObservationBatch, row: Int) throws {
        let idx = frameSlot * nEnvs + e
        if layout.isImage {
            let data = encode(batch, row: row)
            if idx < frames.count {
                storedBytes += data.count - frames[idx].count
                frames[idx] = data
            } else {
                while frames.count < idx { frames.append([]) }
                frames.append(data)
                storedBytes += data.count
                try checkMemory()
            }
        } else {
            let n = layout.size
            if (idx + 1) * n > floats.count {
                let grow = (idx + 1) * n - floats.count
                floats += repeatElement(0, count: grow)
                storedBytes += grow * 4
                try checkMemory()
            }
            let src = batch.floats
            for j in 0..<n { floats[idx * n + j] = src[row * n + j] }
        }
    }

    private func appendFrame(_ frameSlot: Int, _ e: Int, to batch: inout ObservationBatch) {
        let idx = frameSlot * nEnvs + e
        if layout.isImage { decode(frames[idx], appendingTo: &batch.bytes) } else {
            let n = layout.size
            batch.floats += floats[(idx * n)..<((idx + 1) * n)]
        }
        batch.count += 1
    }

    private func encode(_ batch: ObservationBatch, row: Int) -> [UInt8] {
        let n = layout.size
        let raw = Array(batch.bytes[(row * n)..<((row + 1) * n)])
        return compressFrames ? FrameCodec.encode(raw) : raw
    }

    private func decode(_ data: [UInt8], appendingTo out: inout [UInt8]) {
        if compressFrames { FrameCodec.decode(data, count: layout.size, appendingTo: &out) } else { out += data }
    }

    private func floatsRow(_ batch: ObservationBatch, _ row: Int) -> [Float] {
        let n = layout.size
        return Array(batch.floats[(row * n)..<((row + 1) * n)])
    }

    private func checkMemory() throws {
        guard storedBytes > memoryBudget else { return }
        throw AgentError.memory("the replay buffer holds \(ReplayBuffer.gb(storedBytes)) after \(count) transitions and would outgrow the memory it may use (\(ReplayBuffer.gb(memoryBudget))); a full buffer of \(bufferSize) transitions needs up to \(ReplayBuffer.gb(fullSizeBytes)). Lower bufferSize (e.g. bufferSize: \(max(1000, count / 2)))")
    }

    static func gb(_ bytes: Int) -> String {
        let g = Double(bytes) / 1e9
        return g >= 0.1 ? "\((g * 100).rounded() / 100) GB" : "\((Double(bytes) / 1e6 * 10).rounded() / 10) MB"
    }

    /// 80 % of physical memory (no limit where it cannot be read).
    static func defaultBudget() -> Int {
        let total = physicalMemory()
        return total > 0 ? Int(Double(total) * 0.8) : Int.max
    }

    /// Physical memory in bytes.
    public static func physicalMemory() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size : 0
    }
}

// MARK: - Training state

extension ReplayBuffer {
    /// Writes every stored frame and transition (frames as stored: compressed frames stay compressed).
    func writeState(into s: inout TrainingState) throws {
        try s.put("replay.counters", ints: [added, frameSlotsFilled, storedBytes, bufferSize, nEnvs])
        try s.put("replay.frames", chunks: frames)
        try s.put("replay.floats", floats: floats)
        try s.put("replay.actions", ints: actions.map { Int($0) })
        try s.put("replay.rewards", floats: rewards)
        try s.put("replay.dones", bools: dones)
        try s.put("replay.timeouts", bools: timeouts)
        let tk = terminal.keys.sorted(), tfk = terminalFloats.keys.sorted()
        try s.put("replay.terminal.keys", ints: tk)
        try s.put("replay.terminal", chunks: tk.map { terminal[$0]! })
        try s.put("replay.terminal_floats.keys", ints: tfk)
        try s.put("replay.terminal_floats", floats: tfk.flatMap { terminalFloats[$0]! })
        try s.put("replay.last_done", bools: lastDone)
    }

    func readState(_ s: TrainingState) throws {
        let c = try s.ints("replay.counters")
        guard c.count == 5, c[3] == bufferSize, c[4] == nEnvs else {
            throw AgentError.file("the saved replay buffer (\(c.count == 5 ? "\(c[3]) transitions, \(c[4]) envs" : "corrupt")) does not fit this model's (\(bufferSize) transitions, \(nEnvs) envs)")
        }
        let tk = try s.ints("replay.terminal.keys"), tchunks = try s.chunks("replay.terminal")
        let tfk = try s.ints("replay.terminal_floats.keys"), tf = try s.floats("replay.terminal_floats")
        guard tk.count == tchunks.count, tf.count == tfk.count * layout.size else {
            throw AgentError.file("the saved replay buffer is corrupt")
        }
        let newActions = try s.ints("replay.actions").map { Int32(truncatingIfNeeded: $0) }
        let newRewards = try s.floats("replay.rewards"), newDones = try s.bools("replay.dones"), newTimeouts = try s.bools("replay.timeouts")
        let newLast = try s.bools("replay.last_done")
        guard newRewards.count == newActions.count, newDones.count == newActions.count, newTimeouts.count == newActions.count,
              newLast.count == nEnvs else { throw AgentError.file("the saved replay buffer is corrupt") }
        frames = try s.chunks("replay.frames")
        floats = try s.floats("replay.floats")
        added = c[0]; frameSlotsFilled = c[1]; storedBytes = c[2]
        actions = newActions; rewards = newRewards; dones = newDones; timeouts = newTimeouts
        terminal = Dictionary(uniqueKeysWithValues: zip(tk, tchunks))
        let n = layout.size
        terminalFloats = Dictionary(uniqueKeysWithValues: tfk.enumerated().map { ($0.element, Array(tf[($0.offset * n)..<(($0.offset + 1) * n)])) })
        lastDone = newLast
    }
}
