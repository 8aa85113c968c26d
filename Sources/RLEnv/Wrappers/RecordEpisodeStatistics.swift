import RLSupport

/// Records each episode's return, length and duration (Gymnasium `wrappers/common.py`
/// `RecordEpisodeStatistics`): at the end of an episode `info["episode"]` is
/// `{"r": return, "l": length, "t": seconds rounded to 6 places}`, and the last `bufferLength`
/// values are kept in `returnQueue`, `lengthQueue`, `timeQueue`.
public final class RecordEpisodeStatistics: Wrapper {
    public let bufferLength: Int
    public let statsKey: String
    public private(set) var episodeCount = 0
    public private(set) var episodeReturns = 0.0
    public private(set) var episodeLengths = 0
    var episodeStartTime = -1.0
    public private(set) var returnQueue: [Double] = []
    public private(set) var lengthQueue: [Int] = []
    public private(set) var timeQueue: [Double] = []

    public init(_ env: Env, bufferLength: Int = 100, statsKey: String = "episode") {
        self.bufferLength = max(1, bufferLength)
        self.statsKey = statsKey
        super.init(env)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        var r = try env.step(action)
        episodeReturns += r.reward
        episodeLengths += 1
        if r.terminated || r.truncated {
            let t = ((Clock.monotonic() - episodeStartTime) * 1e6).rounded() / 1e6
            var stats = Info()
            stats["r"] = .double(episodeReturns)
            stats["l"] = .int(episodeLengths)
            stats["t"] = .double(t)
            r.info[statsKey] = .info(stats)
            push(&timeQueue, t)
            push(&returnQueue, episodeReturns)
            push(&lengthQueue, episodeLengths)
            episodeCount += 1
            episodeStartTime = Clock.monotonic()
        }
        return r
    }

    func push<T>(_ q: inout [T], _ v: T) {
        q.append(v)
        if q.count > bufferLength { q.removeFirst(q.count - bufferLength) }
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let r = try env.reset(seed: seed, options: options)
        episodeStartTime = Clock.monotonic()
        episodeReturns = 0
        episodeLengths = 0
        return r
    }
}
