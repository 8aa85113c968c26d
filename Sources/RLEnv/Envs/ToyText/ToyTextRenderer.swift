import RLRender

/// Simple `rgb_array` frames for the toy-text envs, at Gymnasium's window sizes. Gymnasium draws
/// sprite images (elf, ice, holes, taxi, cards) that are not bundled here; these frames use flat
/// coloured cells with the same layout instead.
enum ToyTextRenderer {
    static let ice = RGBColor(180, 220, 240), hole = RGBColor(30, 60, 110), goal = RGBColor(240, 200, 40)
    static let start = RGBColor(200, 230, 200), agent = RGBColor(220, 60, 60), grid = RGBColor(90, 110, 130)

    /// A grid of cells colored by `color(row, col)` with the agent drawn as a disc.
    static func grid(rows: Int, cols: Int, cell: (Int, Int), agentAt: (Int, Int), color: (Int, Int) -> RGBColor) -> RGBImage {
        var c = Canvas(width: cols * cell.0, height: rows * cell.1, background: .white)
        for r in 0..<rows {
            for col in 0..<cols {
                c.fillRect(x: col * cell.0, y: r * cell.1, width: cell.0, height: cell.1, color: color(r, col))
                c.drawLines([Point2D(Double(col * cell.0), Double(r * cell.1)), Point2D(Double((col + 1) * cell.0 - 1), Double(r * cell.1)),
                             Point2D(Double((col + 1) * cell.0 - 1), Double((r + 1) * cell.1 - 1)), Point2D(Double(col * cell.0), Double((r + 1) * cell.1 - 1))],
                            color: grid, closed: true)
            }
        }
        let cx = Double(agentAt.1 * cell.0 + cell.0 / 2), cy = Double(agentAt.0 * cell.1 + cell.1 / 2)
        c.fillCircle(center: Point2D(cx, cy), radius: Double(min(cell.0, cell.1)) * 0.3, color: agent)
        return c.image
    }

    static func frozenLake(desc: [[Character]], state: Int) -> RGBImage {
        let nrow = desc.count, ncol = desc.first?.count ?? 1
        let w = min(64 * ncol, 512), h = min(64 * nrow, 512)
        return grid(rows: nrow, cols: ncol, cell: (w / ncol, h / nrow), agentAt: (state / ncol, state % ncol)) { r, c in
            switch desc[r][c] { case "H": return hole; case "G": return goal; case "S": return start; default: return ice }
        }
    }

    static func cliffWalking(state: Int) -> RGBImage {
        grid(rows: 4, cols: 12, cell: (60, 60), agentAt: (state / 12, state % 12)) { r, c in
            if r == 3 && c >= 1 && c <= 10 { return RGBColor(120, 80, 60) }
            if r == 3 && c == 11 { return goal }
            if r == 3 && c == 0 { return start }
            return RGBColor(150, 200, 120)
        }
    }

    /// Taxi: 550x350 (cell 50x50 over the 11x7 text map), walls dark, R/G/Y/B stands coloured,
    /// the taxi as a disc (green when carrying), the waiting passenger as a small blue square.
    static func taxi(env: TaxiEnv) -> RGBImage {
        var c = Canvas(width: 550, height: 350, background: .white)
        let colors = [RGBColor(255, 0, 0), RGBColor(0, 255, 0), RGBColor(255, 255, 0), RGBColor(0, 0, 255)]
        let (r, col, p, d) = env.decode(env.s)
        for (i, loc) in env.locs.enumerated() {
            let color = RGBColor(clamping: Int(colors[i].r) / 2 + 100, Int(colors[i].g) / 2 + 100, Int(colors[i].b) / 2 + 100)
            c.fillRect(x: (2 * loc.1 + 1) * 50, y: (loc.0 + 1) * 50, width: 50, height: 50, color: color)
        }
        for (y, line) in TaxiEnv.map.enumerated() {
            for (x, ch) in line.enumerated() where ch == "|" || ch == "-" || ch == "+" {
                c.fillRect(x: x * 50 + (ch == "|" ? 20 : 0), y: y * 50 + (ch == "-" || ch == "+" ? 20 : 0),
                           width: ch == "|" ? 10 : 50, height: ch == "|" ? 50 : 10, color: RGBColor(40, 40, 40))
            }
        }
        let (di, dj) = env.locs[d]
        c.drawLines([Point2D(Double((2 * dj + 1) * 50 + 2), Double((di + 1) * 50 + 2)), Point2D(Double((2 * dj + 2) * 50 - 3), Double((di + 1) * 50 + 2)),
                     Point2D(Double((2 * dj + 2) * 50 - 3), Double((di + 2) * 50 - 3)), Point2D(Double((2 * dj + 1) * 50 + 2), Double((di + 2) * 50 - 3))],
                    color: RGBColor(200, 0, 200), closed: true, width: 3)
        if p < 4 {
            let (pi, pj) = env.locs[p]
            c.fillRect(x: (2 * pj + 1) * 50 + 30, y: (pi + 1) * 50 + 5, width: 15, height: 15, color: RGBColor(0, 0, 200))
        }
        c.fillCircle(center: Point2D(Double((2 * col + 1) * 50 + 25), Double((r + 1) * 50 + 25)), radius: 18,
                     color: p == 4 ? RGBColor(0, 170, 0) : RGBColor(230, 190, 0))
        return c.image
    }

    /// Blackjack: 600x500 green table, the dealer's shown card and the player's cards as white
    /// rectangles with their values drawn as pips (one dot per point, 11 for an ace).
    static func blackjack(player: [Int], dealerCard: Int) -> RGBImage {
        var c = Canvas(width: 600, height: 500, background: RGBColor(7, 99, 36))
        func card(_ x: Int, _ y: Int, _ value: Int) {
            c.fillRect(x: x, y: y, width: 80, height: 116, color: .white)
            let pips = value == 1 ? 11 : value
            for k in 0..<pips {
                c.fillCircle(center: Point2D(Double(x + 16 + (k % 3) * 24), Double(y + 14 + (k / 3) * 24)), radius: 6, color: value == 1 ? RGBColor(200, 0, 0) : .black)
            }
        }
        card(260, 40, dealerCard)
        c.fillRect(x: 360, y: 40, width: 80, height: 116, color: RGBColor(40, 40, 120))
        for (i, v) in player.enumerated() { card(40 + (i % 6) * 90, 300 + (i / 6) * 20, v) }
        return c.image
    }
}
