import RLSupport

/// Episode returns and lengths for vector envs (Gymnasium `wrappers/vector/common.py`
/// `RecordEpisodeStatistics`): when sub-envs finish, `infos["episode"]` holds `r`, `l`, `t`
/// arrays (zeros for the others) and `infos["_episode"]` the mask of finished sub-envs.
public final class VectorRecordEpisodeStatistics: VectorEnv {
    public let env: VectorEnv
    public let bufferLength: Int
    public let statsKey: String
    public private(set) var episodeReturns: [Double]
    public private(set) var episodeLengths: [Int]
    var episodeStartTimes: [Double]
    var prevDones: [Bool]
    public private(set) var episodeCount = 0
    public private(set) var returnQueue: [Double] = []
    public private(set) var lengthQueue: [Int] = []
    public private(set) var timeQueue: [Double] = []

    public init(_ env: VectorEnv, bufferLength: Int = 100, statsKey: String = "episode") {
        self.env = env
        self.bufferLength = max(1, bufferLength)
        self.statsKey = statsKey
        episodeReturns = Array(repeating: 0, count: env.numEnvs)
        episodeLengths = Array(repeating: 0, count: env.numEnvs)
        episodeStartTimes = Array(repeating: Clock.monotonic(), count: env.numEnvs)
        prevDones = Array(repeating: false, count: env.numEnvs)
        super.init(numEnvs: env.numEnvs, singleObservationSpace: env.singleObservationSpace, singleActionSpace: env.singleActionSpace,
                   autoresetMode: env.autoresetMode, metadata: env.metadata)
        spec = env.spec
        renderMode = env.renderMode
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        let r = try env.reset(seed: seed, options: options)
        restart()
        return r
    }

    @discardableResult
    public override func reset(seeds: [Int?], options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        let r = try env.reset(seeds: seeds, options: options)
        restart()
        return r
    }

    func restart() {
        episodeReturns = Array(repeating: 0, count: numEnvs)
        episodeLengths = Array(repeating: 0, count: numEnvs)
        episodeStartTimes = Array(repeating: Clock.monotonic(), count: numEnvs)
        prevDones = Array(repeating: false, count: numEnvs)
    }

    public override func step(_ actions: [EnvValue]) throws -> VectorStepResult { record(try env.step(actions)) }
    public override func step(_ actions: EnvValue) throws -> VectorStepResult { record(try env.step(actions)) }

    func record(_ result: VectorStepResult) -> VectorStepResult {
        var r = result
        let now = Clock.monotonic()
        for i in 0..<numEnvs {
            if autoresetMode == .sameStep || !prevDones[i] {
                episodeReturns[i] += r.rewards[i]
                episodeLengths[i] += 1
            } else {
                episodeReturns[i] = 0
                episodeLengths[i] = 0
                episodeStartTimes[i] = now
            }
        }
        let dones = (0..<numEnvs).map { r.terminations[$0] || r.truncations[$0] }
        prevDones = dones
        if dones.contains(true) {
            let times = episodeStartTimes.map { ((now - $0) * 1e6).rounded() / 1e6 }
            var stats = Info()
            stats["r"] = .array(EnvArray(float64: (0..<numEnvs).map { dones[$0] ? episodeReturns[$0] : 0 }))
            stats["l"] = .array(EnvArray(ints: (0..<numEnvs).map { dones[$0] ? episodeLengths[$0] : 0 }))
            stats["t"] = .array(EnvArray(float64: (0..<numEnvs).map { dones[$0] ? times[$0] : 0 }))
            r.infos[statsKey] = .info(stats)
            r.infos["_" + statsKey] = .array(EnvArray(ints: dones.map { $0 ? 1 : 0 }, dtype: .bool))
            for i in 0..<numEnvs where dones[i] {
                episodeCount += 1
                timeQueue.append(times[i]); returnQueue.append(episodeReturns[i]); lengthQueue.append(episodeLengths[i])
                if autoresetMode == .sameStep { episodeReturns[i] = 0; episodeLengths[i] = 0; episodeStartTimes[i] = now }
            }
            if returnQueue.count > bufferLength {
                let k = returnQueue.count - bufferLength
                returnQueue.removeFirst(k); lengthQueue.removeFirst(k); timeQueue.removeFirst(k)
            }
        }
        return r
    }

    public override func close() { env.close() }
}

/// Gymnasium's name for the process-based vector env; here the threaded one fills that role.
public typealias AsyncVectorEnv = ThreadedVectorEnv
