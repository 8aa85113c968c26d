/// Mean and population standard deviation (numpy's `np.mean` / `np.std`), NaN for no values:
/// the one place the logger, evaluations and explained variance take them from.
public enum Statistics {
    public static func mean(_ xs: [Double]) -> Double {
        xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
    }

    public static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return xs.isEmpty ? .nan : xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count)
    }

    public static func std(_ xs: [Double]) -> Double { variance(xs).squareRoot() }
}
