// The attributes each environment adds (Gymnasium's env attributes, camelCased), found by
// `Env.attribute(_:)` / `Env.wrapperAttribute(_:)`. Bodies and the car travel as `.object`.

extension CartPoleEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["state"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "state" ? .optional(state.map(EnvAttribute.doubles)) : nil }
}

extension MountainCarEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["state"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "state" ? .optional(state.map(EnvAttribute.doubles)) : nil }
}

extension ContinuousMountainCarEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["state"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "state" ? .optional(state.map(EnvAttribute.doubles)) : nil }
}

extension PendulumEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["state"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "state" ? .optional(state.map(EnvAttribute.doubles)) : nil }
}

extension AcrobotEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["state"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { name == "state" ? .optional(state.map(EnvAttribute.doubles)) : nil }
}

extension BlackjackEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["player", "dealer"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "player": return .ints(player)
        case "dealer": return .ints(dealer)
        default: return nil
        }
    }
}

extension FrozenLakeEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["desc", "nrow", "ncol"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "desc": return .list(desc.map { .string(String($0)) })
        case "nrow": return .int(nrow)
        case "ncol": return .int(ncol)
        default: return nil
        }
    }
}

extension TaxiEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["encode", "decode", "actionMask"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? { nil }
    public func callEnvAttribute(_ name: String, _ args: [EnvArg]) throws -> EnvAttribute? {
        func arg(_ i: Int) throws -> Int {
            guard i < args.count else { throw EnvError.invalidArgument("\(name) takes \(name == "encode" ? 4 : 1) Int arguments, got \(args.count)") }
            return try args[i].int(for: name)
        }
        switch name {
        case "encode": return .int(encode(try arg(0), try arg(1), try arg(2), try arg(3)))
        case "decode":
            let (a, b, c, d) = decode(try arg(0))
            return .tuple([.int(a), .int(b), .int(c), .int(d)])
        case "actionMask": return .ints(actionMask(try arg(0)))
        default: return nil
        }
    }
}

extension CarRacingEnv: EnvAttributes {
    public var envAttributeNames: [String] {
        ["track", "car", "tileVisitedCount", "reward", "roadColor", "bgColor", "grassColor",
         "continuous", "domainRandomize", "lapCompletePercent", "newLap", "t", "trackLength"]
    }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        switch name {
        case "track": return .list(track.map(EnvAttribute.doubles))
        case "trackLength": return .int(core.track?.points.count ?? 0)
        case "car": return .optional(car.map { .object($0) })
        case "tileVisitedCount": return .int(tileVisitedCount)
        case "reward": return .double(reward)
        case "roadColor": return .doubles(roadColor)
        case "bgColor": return .doubles(bgColor)
        case "grassColor": return .doubles(grassColor)
        case "continuous": return .bool(core.continuous)
        case "domainRandomize": return .bool(core.domainRandomize)
        case "lapCompletePercent": return .double(core.lapCompletePercent)
        case "newLap": return .bool(core.newLap)
        case "t": return .double(core.t)
        default: return nil
        }
    }
}

extension LunarLanderEnv: EnvAttributes {
    public var envAttributeNames: [String] {
        ["lander", "legs", "legGroundContact", "gameOver", "continuous", "gravity", "enableWind",
         "windPower", "turbulencePower", "windIdx", "torqueIdx", "helipadX1", "helipadX2", "helipadY"]
    }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        let c = core
        switch name {
        case "lander": return .optional(c.lander.map { .object($0) })
        case "legs": return .list(c.legs.map { .object($0) })
        case "legGroundContact": return .bools(c.legGroundContact)
        case "gameOver": return .bool(c.gameOver)
        case "continuous": return .bool(c.continuous)
        case "gravity": return .double(c.gravity)
        case "enableWind": return .bool(c.enableWind)
        case "windPower": return .double(c.windPower)
        case "turbulencePower": return .double(c.turbulencePower)
        case "windIdx": return .int(c.windIdx)
        case "torqueIdx": return .int(c.torqueIdx)
        case "helipadX1": return .double(c.helipadX1)
        case "helipadX2": return .double(c.helipadX2)
        case "helipadY": return .double(c.helipadY)
        default: return nil
        }
    }
}

extension BipedalWalkerEnv: EnvAttributes {
    public var envAttributeNames: [String] { ["hull", "legs", "legGroundContact", "gameOver", "hardcore", "scroll", "terrainX", "terrainY"] }
    public func envAttribute(_ name: String) throws -> EnvAttribute? {
        let c = core
        switch name {
        case "hull": return .optional(c.hull.map { .object($0) })
        case "legs": return .list(c.legs.map { .object($0) })
        case "legGroundContact": return .bools(legGroundContact)
        case "gameOver": return .bool(c.gameOver)
        case "hardcore": return .bool(c.hardcore)
        case "scroll": return .double(c.scroll)
        case "terrainX": return .doubles(c.terrainX)
        case "terrainY": return .doubles(c.terrainY)
        default: return nil
        }
    }
}
