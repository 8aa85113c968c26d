/// Errors raised by `NumpyGenerator` for invalid arguments, worded like numpy's `ValueError`s.
public enum RandomError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `integers(low, high)` with `high <= low`.
    case emptyRange(low: Int, high: Int)
    /// `choice(n)` with `n <= 0`.
    case emptyPopulation(Int)
    /// `choice(n, p:)` with `p.count != n`.
    case probabilitySizeMismatch(population: Int, probabilities: Int)
    /// A negative probability.
    case negativeProbability
    /// A NaN probability.
    case probabilityNaN
    /// Probabilities whose sum is not 1 (within numpy's tolerance).
    case probabilitiesDoNotSumToOne(sum: Double)
    /// A negative seed (Gymnasium accepts only non-negative integers).
    case negativeSeed(Int)

    public var description: String {
        switch self {
        case let .emptyRange(low, high): return "high <= low: integers(low: \(low), high: \(high)) has no values; pass high > low"
        case let .emptyPopulation(n): return "a must be a positive integer unless no samples are taken (got \(n))"
        case let .probabilitySizeMismatch(n, p): return "a and p must have same size (a has \(n) elements, p has \(p))"
        case .negativeProbability: return "probabilities are not non-negative"
        case .probabilityNaN: return "probabilities contain NaN"
        case let .probabilitiesDoNotSumToOne(sum): return "probabilities do not sum to 1 (sum is \(sum))"
        case let .negativeSeed(s): return "Seed must be greater or equal to zero, actual value: \(s)"
        }
    }
}
