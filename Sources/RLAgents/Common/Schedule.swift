/// A value that changes over training, as SB3's schedules: a function of *progress remaining*
/// (1 at the start of `learn`, 0 at the end). Learning rates, PPO's clip range and DQN's exploration
/// rate are schedules.
public struct Schedule: CustomStringConvertible {
    /// The value for a progress remaining in [0, 1].
    public let value: (Double) throws -> Double
    /// How the schedule prints (`0.0001`, `linear(0.001)`, `<function>`).
    public let text: String
    /// The constant, when the schedule is one.
    public let constant: Double?

    /// A schedule from a closure of progress remaining.
    public init(text: String = "<function>", _ value: @escaping (Double) throws -> Double) {
        self.value = value
        self.text = text
        self.constant = nil
    }

    /// The same value throughout (SB3's `constant_fn`).
    public static func constant(_ v: Double) -> Schedule { Schedule(constantValue: v) }

    private init(constantValue v: Double) {
        value = { _ in v }
        text = "\(v)"
        constant = v
    }

    /// From `start` to `end` over the first `fraction` of training, then `end` (SB3's `LinearSchedule`,
    /// used for DQN's exploration rate).
    public static func linear(start: Double, end: Double, fraction: Double) -> Schedule {
        Schedule(text: "linear(\(start) -> \(end) over \(fraction))") { remaining in
            let progress = 1 - remaining
            if progress > fraction { return end }
            return start + progress * (end - start) / fraction
        }
    }

    /// `initial × progress remaining` (the `linear_schedule` of SB3's docs and RL-Zoo's `lin_0.001`).
    public static func linear(_ initial: Double) -> Schedule {
        Schedule(text: "linear(\(initial))") { $0 * initial }
    }

    /// The value at `progressRemaining`; a non-finite or negative result is an error naming `what`.
    /// Progress is clamped to [0, 1]: the last rollout may overshoot `totalTimesteps`, where SB3 would
    /// pass a negative progress (and a negative learning rate) to the schedule.
    public func callAsFunction(_ progressRemaining: Double, what: String) throws -> Double {
        let v = try value(min(1, max(0, progressRemaining)))
        guard v.isFinite, v >= 0 else {
            throw AgentError.invalidArgument("the \(what) schedule returned \(v) at progress remaining \(progressRemaining); it must give a finite value >= 0")
        }
        return v
    }

    public var description: String { text }
}
