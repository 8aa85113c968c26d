// LunarLander.render (gymnasium/envs/box2d/lunar_lander.py) with RLRender's pygame-compatible canvas:
// white surface, black sky polygons, particles, lander and legs (filled, aapolygon, aalines), the
// helipad flags, then a vertical flip.
import RLPhysics
import RLRender

struct LunarLanderRenderer {
    typealias K = LunarLanderConstants
    var canvas = Canvas(width: K.viewportW, height: K.viewportH)

    static func color(_ ttl: Double) -> RGBColor {
        func c(_ v: Double) -> Int { Int(max(0.2, v) * 255) }
        return RGBColor(clamping: c(0.15 + ttl), c(0.5 * ttl), c(0.5 * ttl))
    }

    mutating func render(_ env: LunarLander) -> RGBImage {
        let s = K.scale
        for p in env.particles { p.ttl -= 0.15 }
        env.cleanParticles(all: false)
        canvas.fill(RGBColor(255, 255, 255))
        for poly in env.skyPolys {
            let pts = poly.map { Point2D($0.0 * s, $0.1 * s) }
            canvas.fillPolygon(pts, color: RGBColor(0, 0, 0), rule: .draw)
            canvas.drawAAPolygon(pts, color: RGBColor(0, 0, 0))
        }
        let bodyColor1 = RGBColor(128, 102, 230), bodyColor2 = RGBColor(77, 77, 128)
        var objects: [(Body, RGBColor, RGBColor)] = env.particles.map { ($0.body, Self.color($0.ttl), Self.color($0.ttl)) }
        if let l = env.lander { objects.append((l, bodyColor1, bodyColor2)) }
        for leg in env.legs { objects.append((leg, bodyColor1, bodyColor2)) }
        for (body, c1, c2) in objects {
            for f in body.fixtures {
                let xf = body.transform
                switch f.shape {
                case .circle(let c):
                    let p = xf.apply(c.position)
                    let center = Point2D(Double(p.x) * s, Double(p.y) * s)
                    canvas.fillCircle(center: center, radius: Double(c.radius) * s, color: c2)
                case .polygon(let poly):
                    let path = poly.vertices.map { v -> Point2D in
                        let w = xf.apply(v)
                        return Point2D(Double(w.x) * s, Double(w.y) * s)
                    }
                    canvas.fillPolygon(path, color: c1, rule: .draw)
                    canvas.drawAAPolygon(path, color: c1)
                    canvas.drawLines(path, color: c2, closed: true)
                case .edge:
                    break
                }
                for x0 in [env.helipadX1, env.helipadX2] {
                    let x = x0 * s
                    let flagy1 = env.helipadY * s
                    let flagy2 = flagy1 + 50
                    canvas.drawLine(from: Point2D(x, flagy1), to: Point2D(x, flagy2), color: RGBColor(255, 255, 255))
                    let tri = [Point2D(x, flagy2), Point2D(x, flagy2 - 10), Point2D(x + 25, flagy2 - 5)]
                    canvas.fillPolygon(tri, color: RGBColor(204, 204, 0), rule: .draw)
                    canvas.drawAAPolygon(tri, color: RGBColor(204, 204, 0))
                }
            }
        }
        canvas.flipVertically()
        return canvas.image
    }
}
