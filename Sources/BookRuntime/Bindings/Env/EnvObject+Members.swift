import BookDSL
import RLEnv
import RLRender
import RLTensor

/// Members that only some environments and wrappers have: episode statistics, collected frames,
/// running normalisation statistics, the state of the classic-control and toy-text environments,
/// CarRacing's track and car (see `CarRacingObjects.swift`), LunarLander's and BipedalWalker's bodies
/// (`Box2DEnvObjects.swift`).
extension EnvObject {
    var extraMemberNames: [String] {
        switch env {
        case is TimeLimit: return ["maxEpisodeSteps", "elapsedSteps"]
        case is RecordEpisodeStatistics:
            return ["episodeCount", "episodeReturns", "episodeLengths", "returnQueue", "lengthQueue", "timeQueue"]
        case is RenderCollection: return ["frames", "renderFrames"]
        case is RecordVideo: return ["videos", "recordedFrames", "frames", "stopVideo", "episodeId", "stepId"]
        case is FrameStackObservation: return ["stackSize", "paddingType"]
        case is MaxAndSkipObservation: return ["skip"]
        case is GrayscaleObservation: return ["keepDim"]
        case is ResizeObservation: return ["shape"]
        case is NormalizeObservation: return ["obsRMS", "updateRunningMean", "epsilon"]
        case is NormalizeReward: return ["returnRMS", "updateRunningMean", "discountedReward", "gamma", "epsilon"]
        case is CarRacingEnv: return CarRacingObjects.envMembers
        case is LunarLanderEnv: return Box2DEnvObjects.lunarLanderMembers
        case is BipedalWalkerEnv: return Box2DEnvObjects.bipedalWalkerMembers
        case is CartPoleEnv, is MountainCarEnv, is ContinuousMountainCarEnv, is PendulumEnv, is AcrobotEnv: return ["state"]
        case is BlackjackEnv: return ["player", "dealer"]
        case is FrozenLakeEnv: return ["desc", "nrow", "ncol"]
        case is TaxiEnv: return ["encode", "decode", "actionMask"]
        default: return []
        }
    }

    func extraMember(_ name: String) throws -> Value? {
        switch (name, env) {
        case ("maxEpisodeSteps", let t as TimeLimit): return .int(t.maxEpisodeSteps)
        case ("elapsedSteps", let t as TimeLimit): return t.elapsedSteps.map { .int($0) } ?? .nilValue
        case ("episodeCount", let r as RecordEpisodeStatistics): return .int(r.episodeCount)
        case ("episodeReturns", let r as RecordEpisodeStatistics): return .double(r.episodeReturns)
        case ("episodeLengths", let r as RecordEpisodeStatistics): return .int(r.episodeLengths)
        case ("returnQueue", let r as RecordEpisodeStatistics): return .array(r.returnQueue.map { .double($0) })
        case ("lengthQueue", let r as RecordEpisodeStatistics): return .array(r.lengthQueue.map { .int($0) })
        case ("timeQueue", let r as RecordEpisodeStatistics): return .array(r.timeQueue.map { .double($0) })
        case ("frames", let c as RenderCollection): return try EnvObject.frames(c.frames)
        case ("videos", let v as RecordVideo):
            return .array(try v.videos.map { video in
                .dict(DictBox(keys: [.string("name"), .string("frames"), .string("fps")],
                              values: [.string(video.name), try EnvObject.frames(video.frames), .int(video.fps)]))
            })
        case ("recordedFrames", let v as RecordVideo): return try EnvObject.frames(v.recordedFrames)
        case ("frames", let v as RecordVideo): return try EnvObject.frames(v.videos.flatMap { $0.frames } + v.recordedFrames)
        case ("episodeId", let v as RecordVideo): return .int(v.episodeId)
        case ("stepId", let v as RecordVideo): return .int(v.stepId)
        case ("stackSize", let f as FrameStackObservation): return .int(f.stackSize)
        case ("paddingType", let f as FrameStackObservation): return .string(f.paddingType)
        case ("skip", let m as MaxAndSkipObservation): return .int(m.skip)
        case ("keepDim", let g as GrayscaleObservation): return .bool(g.keepDim)
        case ("shape", let r as ResizeObservation): return .tuple(TupleBox([.int(r.height), .int(r.width)]))
        case ("obsRMS", let n as NormalizeObservation): return try EnvObject.rms(n.obsRMS, shape: n.observationSpace.shape)
        case ("updateRunningMean", let n as NormalizeObservation): return .bool(n.updateRunningMean)
        case ("epsilon", let n as NormalizeObservation): return .double(n.epsilon)
        case ("returnRMS", let n as NormalizeReward): return try EnvObject.rms(n.returnRMS, shape: nil)
        case ("updateRunningMean", let n as NormalizeReward): return .bool(n.updateRunningMean)
        case ("discountedReward", let n as NormalizeReward): return .double(n.discountedReward)
        case ("gamma", let n as NormalizeReward): return .double(n.gamma)
        case ("epsilon", let n as NormalizeReward): return .double(n.epsilon)
        case (_, let c as CarRacingEnv): return try CarRacingObjects.member(name, of: c)
        case (_, let l as LunarLanderEnv): return Box2DEnvObjects.member(name, of: l)
        case (_, let w as BipedalWalkerEnv): return Box2DEnvObjects.member(name, of: w)
        case ("state", let e as CartPoleEnv): return EnvObject.doubles(e.state)
        case ("state", let e as MountainCarEnv): return EnvObject.doubles(e.state)
        case ("state", let e as ContinuousMountainCarEnv): return EnvObject.doubles(e.state)
        case ("state", let e as PendulumEnv): return EnvObject.doubles(e.state)
        case ("state", let e as AcrobotEnv): return EnvObject.doubles(e.state)
        case ("player", let b as BlackjackEnv): return .array(b.player.map { .int($0) })
        case ("dealer", let b as BlackjackEnv): return .array(b.dealer.map { .int($0) })
        case ("desc", let f as FrozenLakeEnv): return .array(f.desc.map { .string(String($0)) })
        case ("nrow", let f as FrozenLakeEnv): return .int(f.nrow)
        case ("ncol", let f as FrozenLakeEnv): return .int(f.ncol)
        default: return nil
        }
    }

    func setExtraMember(_ name: String, _ value: Value) throws -> Bool {
        switch (name, env) {
        case ("updateRunningMean", let n as NormalizeObservation):
            guard let b = value.asBool else { throw BindingError("updateRunningMean must be a Bool") }
            n.updateRunningMean = b
            return true
        case ("updateRunningMean", let n as NormalizeReward):
            guard let b = value.asBool else { throw BindingError("updateRunningMean must be a Bool") }
            n.updateRunningMean = b
            return true
        default:
            return false
        }
    }

    func extraMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch (name, env) {
        case ("renderFrames", let c as RenderCollection): return try EnvObject.frames(c.renderFrames())
        case ("stopVideo", let v as RecordVideo):
            v.stopVideo()
            return .void
        case ("encode", let t as TaxiEnv):
            return .int(t.encode(try args.int(nil), try args.int(nil, index: 1), try args.int(nil, index: 2), try args.int(nil, index: 3)))
        case ("decode", let t as TaxiEnv):
            let (a, b, c, d) = t.decode(try args.int(nil))
            return .tuple(TupleBox([.int(a), .int(b), .int(c), .int(d)]))
        case ("actionMask", let t as TaxiEnv):
            return .array(t.actionMask(try args.int(nil)).map { .int($0) })
        default:
            return nil
        }
    }

    static func frames(_ images: [RGBImage]) throws -> Value {
        .array(try images.map { try EnvConversion.frame($0) })
    }

    static func doubles(_ v: [Double]?) -> Value {
        v.map { .array($0.map { .double($0) }) } ?? .nilValue
    }

    /// `RunningMeanStd` as `["mean": Tensor, "var": Tensor, "count": Double]` (float64, as Gymnasium's):
    /// shaped like the observation when the sizes agree, 0-d for a single statistic (rewards).
    static func rms(_ r: RunningMeanStd, shape: [Int]?) throws -> Value {
        func tensor(_ values: [Double]) throws -> Tensor {
            if let shape, shape.reduce(1, *) == values.count { return try Tensor(values, shape: shape) }
            return try Tensor(values, shape: values.count == 1 ? [] : [values.count])
        }
        return .dict(DictBox(keys: [.string("mean"), .string("var"), .string("count")],
                             values: [TensorObject.value(try tensor(r.mean)), TensorObject.value(try tensor(r.variance)), .double(r.count)]))
    }
}
