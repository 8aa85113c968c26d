// The attributes each wrapper adds (Gymnasium's wrapper attributes, camelCased), found by
// `Env.attribute(_:)` / `Env.wrapperAttribute(_:)`.

extension TimeLimit: EnvAttributes {
    public var envAttributeNames: [String] { ["maxEpisodeSteps", "elapsedSteps"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "maxEpisodeSteps": return .int(maxEpisodeSteps)
        case "elapsedSteps": return .optional(elapsedSteps.map { .int($0) })
        default: return nil
        }
    }
}

extension RecordEpisodeStatistics: EnvAttributes {
    public var envAttributeNames: [String] { ["episodeCount", "episodeReturns", "episodeLengths", "returnQueue", "lengthQueue", "timeQueue"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "episodeCount": return .int(episodeCount)
        case "episodeReturns": return .double(episodeReturns)
        case "episodeLengths": return .int(episodeLengths)
        case "returnQueue": return .doubles(returnQueue)
        case "lengthQueue": return .ints(lengthQueue)
        case "timeQueue": return .doubles(timeQueue)
        default: return nil
        }
    }
}

extension RenderCollection: EnvAttributes {
    public var envAttributeNames: [String] { ["frames", "renderFrames"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        name == "frames" ? .frames(frames) : nil
    }
    public func callEnvAttribute(_ name: String, _ args: [EnvArg]) throws -> EnvAttribute? {
        name == "renderFrames" ? .frames(renderFrames()) : nil
    }
}

extension RecordVideo: EnvAttributes {
    public var envAttributeNames: [String] { ["videos", "recordedFrames", "frames", "stopVideo", "episodeId", "stepId"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "videos":
            return .list(videos.map { .record(keys: ["name", "frames", "fps"], values: [.string($0.name), .frames($0.frames), .int($0.fps)]) })
        case "recordedFrames": return .frames(recordedFrames)
        case "frames": return .frames(videos.flatMap { $0.frames } + recordedFrames)
        case "episodeId": return .int(episodeId)
        case "stepId": return .int(stepId)
        default: return nil
        }
    }
    public func callEnvAttribute(_ name: String, _ args: [EnvArg]) throws -> EnvAttribute? {
        guard name == "stopVideo" else { return nil }
        stopVideo()
        return EnvAttribute.none
    }
}

extension FrameStackObservation: EnvAttributes {
    public var envAttributeNames: [String] { ["stackSize", "paddingType"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "stackSize": return .int(stackSize)
        case "paddingType": return .string(paddingType)
        default: return nil
        }
    }
}

extension MaxAndSkipObservation: EnvAttributes {
    public var envAttributeNames: [String] { ["skip"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "skip" ? .int(skip) : nil }
}

extension GrayscaleObservation: EnvAttributes {
    public var envAttributeNames: [String] { ["keepDim"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "keepDim" ? .bool(keepDim) : nil }
}

extension ResizeObservation: EnvAttributes {
    public var envAttributeNames: [String] { ["shape"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "shape" ? .tuple([.int(height), .int(width)]) : nil }
}

extension NormalizeObservation: EnvAttributes {
    public var envAttributeNames: [String] { ["obsRMS", "updateRunningMean", "epsilon"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "obsRMS": return .statistics(obsRMS, shape: observationSpace.shape)
        case "updateRunningMean": return .bool(updateRunningMean)
        case "epsilon": return .double(epsilon)
        default: return nil
        }
    }
    public func setEnvAttribute(_ name: String, to value: EnvAttribute) throws -> Bool {
        try setUpdateRunningMean(name, value) { updateRunningMean = $0 }
    }
}

extension NormalizeReward: EnvAttributes {
    public var envAttributeNames: [String] { ["returnRMS", "updateRunningMean", "discountedReward", "gamma", "epsilon"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "returnRMS": return .statistics(returnRMS, shape: nil)
        case "updateRunningMean": return .bool(updateRunningMean)
        case "discountedReward": return .double(discountedReward)
        case "gamma": return .double(gamma)
        case "epsilon": return .double(epsilon)
        default: return nil
        }
    }
    public func setEnvAttribute(_ name: String, to value: EnvAttribute) throws -> Bool {
        try setUpdateRunningMean(name, value) { updateRunningMean = $0 }
    }
}

/// `updateRunningMean`: the one attribute the normalising wrappers let a cell set.
private func setUpdateRunningMean(_ name: String, _ value: EnvAttribute, _ apply: (Bool) -> Void) throws -> Bool {
    guard name == "updateRunningMean" else { return false }
    guard case .bool(let b) = value else { throw EnvError.invalidArgument("updateRunningMean must be a Bool") }
    apply(b)
    return true
}
