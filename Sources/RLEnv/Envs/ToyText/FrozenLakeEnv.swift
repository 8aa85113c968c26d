import RLSupport
import RLRender

/// FrozenLake-v1: cross a frozen lake from S to G without falling into holes H (port of Gymnasium
/// `gymnasium/envs/toy_text/frozen_lake.py`).
///
/// ## Action space
/// `Discrete(4)`: 0 left, 1 down, 2 right, 3 up.
///
/// ## Observation space
/// `Discrete(nrow·ncol)`: the cell index `row · ncol + col`.
///
/// ## Rewards
/// `rewardSchedule` (default (1, 0, 0)) for reaching G, a hole H, and frozen cells F.
///
/// ## Starting state
/// The S cell.
///
/// ## Episode end
/// Terminates in G or H; `Gym.make` truncates at 100 steps (4x4) / 200 (8x8).
/// Slippery (`isSlippery`, default true): the intended move with probability `successRate` (1/3),
/// each perpendicular move with (1 - successRate)/2. Maps: `mapName` "4x4" / "8x8", a custom
/// `desc` (rows of S/F/H/G), or a random 8x8 map when both are nil.
public final class FrozenLakeEnv: TabularEnv {
    /// Built-in maps.
    public static let maps: [String: [String]] = [
        "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
        "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"],
    ]
    /// The map rows.
    public let desc: [[Character]]
    public let nrow: Int
    public let ncol: Int
    public static let kwargNames = ["renderMode", "desc", "mapName", "isSlippery", "successRate", "rewardSchedule"]
    public static let renderModes = ["human", "ansi", "rgb_array"]

    public init(renderMode: String? = nil, desc: [String]? = nil, mapName: String? = "4x4", isSlippery: Bool = true,
                successRate: Double = 1.0 / 3.0, rewardSchedule: [Double] = [1, 0, 0]) throws {
        var rows: [String]
        if let desc { rows = desc } else if let mapName {
            guard let m = FrozenLakeEnv.maps[mapName] else {
                throw EnvError.invalidArgument("KeyError: '\(mapName)' is not a FrozenLake map; use \"4x4\", \"8x8\", a custom `desc`, or mapName: nil for a random map\(DidYouMean.hint(mapName, from: FrozenLakeEnv.maps.keys))")
            }
            rows = m
        } else {
            rows = try FrozenLakeEnv.generateRandomMap()
        }
        guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else {
            throw EnvError.invalidArgument("FrozenLake `desc` must be non-empty rows of equal length, got \(rows)")
        }
        guard rows.joined().allSatisfy({ "SFHG".contains($0) }) else {
            throw EnvError.invalidArgument("FrozenLake `desc` may only contain S, F, H and G, got \(rows)")
        }
        guard rewardSchedule.count == 3 else { throw EnvError.invalidArgument("`rewardSchedule` must have 3 values (goal, hole, frozen), got \(rewardSchedule)") }
        let cells = rows.map { Array($0) }
        self.desc = cells
        nrow = cells.count
        ncol = width
        let nS = nrow * ncol
        super.init(nS: nS, nA: 4, metadata: EnvMetadata(renderModes: FrozenLakeEnv.renderModes, renderFps: 4), renderMode: renderMode)
        let starts = cells.joined().map { $0 == "S" ? 1.0 : 0.0 }
        let total = starts.reduce(0, +)
        guard total > 0 else { throw EnvError.invalidArgument("FrozenLake `desc` needs a start cell S, got \(rows)") }
        initialStateDistrib = starts.map { $0 / total }
        let failRate = (1.0 - successRate) / 2.0
        let (nrow, ncol) = (self.nrow, self.ncol)
        func inc(_ row: Int, _ col: Int, _ a: Int) -> (Int, Int) {
            switch a {
            case 0: return (row, max(col - 1, 0))
            case 1: return (min(row + 1, nrow - 1), col)
            case 2: return (row, min(col + 1, ncol - 1))
            default: return (max(row - 1, 0), col)
            }
        }
        func outcome(_ row: Int, _ col: Int, _ a: Int) -> (Int, Double, Bool) {
            let (r, c) = inc(row, col, a)
            let letter = cells[r][c]
            let reward = letter == "G" ? rewardSchedule[0] : letter == "H" ? rewardSchedule[1] : rewardSchedule[2]
            return (r * ncol + c, reward, letter == "G" || letter == "H")
        }
        for row in 0..<nrow {
            for col in 0..<ncol {
                let s = row * ncol + col
                for a in 0..<4 {
                    let letter = cells[row][col]
                    if letter == "G" || letter == "H" {
                        P[s][a].append(Transition(1.0, s, 0, true))
                    } else if isSlippery {
                        for b in [(a + 3) % 4, a, (a + 1) % 4] {
                            let (ns, r, t) = outcome(row, col, b)
                            P[s][a].append(Transition(b == a ? successRate : failRate, ns, r, t))
                        }
                    } else {
                        let (ns, r, t) = outcome(row, col, a)
                        P[s][a].append(Transition(1.0, ns, r, t))
                    }
                }
            }
        }
    }

    /// Gymnasium's `generate_random_map(size, p, seed)`: F with probability p, H otherwise, S and G
    /// in the corners, redrawn until a path exists.
    public static func generateRandomMap(size: Int = 8, p: Double = 0.8, seed: Int? = nil) throws -> [String] {
        let g = try NumpyGenerator.npRandom(seed: seed)
        let p = min(1, p)
        while true {
            let picks = try g.choice(2, count: size * size, p: [p, 1 - p])
            var board = (0..<size).map { r in (0..<size).map { c -> Character in picks[r * size + c] == 0 ? "F" : "H" } }
            board[0][0] = "S"
            board[size - 1][size - 1] = "G"
            if isValid(board) { return board.map { String($0) } }
        }
    }

    /// Depth-first search from (0, 0) to a G cell avoiding holes.
    static func isValid(_ board: [[Character]]) -> Bool {
        let n = board.count
        var frontier = [(0, 0)]
        var seen = Set<Int>()
        while let (r, c) = frontier.popLast() {
            if seen.contains(r * n + c) { continue }
            seen.insert(r * n + c)
            for (dr, dc) in [(1, 0), (0, 1), (-1, 0), (0, -1)] {
                let (nr, nc) = (r + dr, c + dc)
                if nr < 0 || nr >= n || nc < 0 || nc >= n { continue }
                if board[nr][nc] == "G" { return true }
                if board[nr][nc] != "H" { frontier.append((nr, nc)) }
            }
        }
        return false
    }

    /// The frame (`rgb_array`, 64 px cells up to 512x512).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasReset else { return nil }
        return ToyTextRenderer.frozenLake(desc: desc, state: s)
    }

    /// The ansi text frame: the map with the agent's cell highlighted and the last action.
    public override func renderText() throws -> String? {
        guard renderMode == "ansi" else { return nil }
        let row = s / ncol, col = s % ncol
        var out = ""
        if let a = lastAction { out += "  (\(["Left", "Down", "Right", "Up"][a]))\n" } else { out += "\n" }
        for (r, line) in desc.enumerated() {
            for (c, ch) in line.enumerated() {
                out += (r == row && c == col) ? "\u{1B}[41m\(ch)\u{1B}[0m" : String(ch)
            }
            out += "\n"
        }
        return out
    }
}
