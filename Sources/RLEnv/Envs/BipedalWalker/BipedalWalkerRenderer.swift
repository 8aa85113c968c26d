// BipedalWalker.render (gymnasium/envs/box2d/bipedal_walker.py) with RLRender's pygame-compatible
// canvas. Gymnasium draws on a surface (600 + scroll·SCALE) wide, flips it and keeps the last 600
// columns; this draws straight into those 600 columns (x shifted by the integer surface overhang).
import RLPhysics
import RLRender

struct BipedalWalkerRenderer {
    typealias K = BipedalWalkerConstants
    var canvas = Canvas(width: K.viewportW, height: K.viewportH)

    static func rgb(_ c: (Int, Int, Int)) -> RGBColor { RGBColor(clamping: c.0, c.1, c.2) }

    mutating func render(_ env: BipedalWalker) -> RGBImage {
        let s = K.scale
        let scroll = env.scroll
        let surfW = Int(Double(K.viewportW) + max(0, scroll) * s)
        let off = Double(surfW - K.viewportW)
        func pt(_ x: Double, _ y: Double) -> Point2D { Point2D(x - off, y) }
        canvas.fill(RGBColor(0, 0, 0))
        canvas.fillPolygon([pt(scroll * s, 0), pt(scroll * s + Double(K.viewportW), 0),
                            pt(scroll * s + Double(K.viewportW), Double(K.viewportH)), pt(scroll * s, Double(K.viewportH))],
                           color: RGBColor(215, 215, 255), rule: .draw)
        for (poly, x1, x2) in env.cloudPoly {
            if x2 < scroll / 2 || x1 > scroll / 2 + Double(K.viewportW) / s { continue }
            let pts = poly.map { pt($0.0 * s + scroll * s / 2, $0.1 * s) }
            canvas.fillPolygon(pts, color: RGBColor(255, 255, 255), rule: .draw)
            canvas.drawAAPolygon(pts, color: RGBColor(255, 255, 255))
        }
        for (poly, color) in env.terrainPoly {
            if poly[1].0 < scroll || poly[0].0 > scroll + Double(K.viewportW) / s { continue }
            let pts = poly.map { pt($0.0 * s, $0.1 * s) }
            canvas.fillPolygon(pts, color: Self.rgb(color), rule: .draw)
            canvas.drawAAPolygon(pts, color: Self.rgb(color))
        }
        env.lidarRender = (env.lidarRender + 1) % 100
        let i = env.lidarRender
        if i < 20 {
            let k = i < 10 ? i : 19 - i
            let p1 = env.lidarP1[k], p2 = env.lidarP2[k]
            canvas.drawLine(from: pt(Double(p1.x) * s, Double(p1.y) * s), to: pt(Double(p2.x) * s, Double(p2.y) * s),
                            color: RGBColor(255, 0, 0))
        }
        var drawlist: [(Body, (Int, Int, Int), (Int, Int, Int))] = env.terrain.map { t in
            let c = env.terrainColors[ObjectIdentifier(t)] ?? ((255, 255, 255), (153, 153, 153))
            return (t, c.0, c.1)
        }
        for (n, leg) in env.legs.enumerated() {
            let i = n < 2 ? -1 : 1
            drawlist.append((leg, (153 - i * 25, 76 - i * 25, 127 - i * 25), (102 - i * 25, 51 - i * 25, 76 - i * 25)))
        }
        if let hull = env.hull { drawlist.append((hull, (127, 51, 229), (76, 76, 127))) }
        for (body, c1, c2) in drawlist {
            let xf = body.transform
            for f in body.fixtures {
                switch f.shape {
                case .polygon(let p):
                    var path = p.vertices.map { v -> Point2D in
                        let w = xf.apply(v)
                        return pt(Double(w.x) * s, Double(w.y) * s)
                    }
                    canvas.fillPolygon(path, color: Self.rgb(c1), rule: .draw)
                    canvas.drawAAPolygon(path, color: Self.rgb(c1))
                    path.append(path[0])
                    canvas.drawLines(path, color: Self.rgb(c2), closed: true)
                    canvas.drawAAPolygon(path, color: Self.rgb(c2))
                case .edge(let e):
                    let a = xf.apply(e.v1), b = xf.apply(e.v2)
                    canvas.drawAALine(from: pt(Double(a.x) * s, Double(a.y) * s), to: pt(Double(b.x) * s, Double(b.y) * s),
                                      color: Self.rgb(c1))
                case .circle(let c):
                    let p = xf.apply(c.position)
                    canvas.fillCircle(center: pt(Double(p.x) * s, Double(p.y) * s), radius: Double(c.radius) * s, color: Self.rgb(c2))
                }
            }
        }
        let flagy1 = K.terrainHeight * s
        let flagy2 = flagy1 + 50
        let x = K.terrainStep * 3 * s
        canvas.drawAALine(from: pt(x, flagy1), to: pt(x, flagy2), color: RGBColor(0, 0, 0))
        let flag = [pt(x, flagy2), pt(x, flagy2 - 10), pt(x + 25, flagy2 - 5)]
        canvas.fillPolygon(flag, color: RGBColor(230, 51, 0), rule: .draw)
        canvas.drawLines(flag + [flag[0]], color: RGBColor(0, 0, 0), closed: false)
        canvas.flipVertically()
        return canvas.image
    }
}
