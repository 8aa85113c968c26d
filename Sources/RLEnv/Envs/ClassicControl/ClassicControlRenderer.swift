import RLRender
import RLSupport

/// The `rgb_array` frames of the classic-control envs, drawn like Gymnasium's pygame renderers
/// (`render()` in cartpole.py, mountain_car.py, continuous_mountain_car.py, pendulum.py, acrobot.py):
/// shapes are drawn in y-up pygame coordinates with gfxdraw rules, then the surface is flipped.
enum ClassicControlRenderer {
    /// `pygame.math.Vector2(p).rotate_rad(a)`.
    @inline(__always)
    static func rotate(_ x: Double, _ y: Double, _ a: Double) -> (Double, Double) {
        (x * cos(a) - y * sin(a), x * sin(a) + y * cos(a))
    }

    static func polygon(_ c: inout Canvas, _ pts: [Point2D], _ color: RGBColor) {
        c.drawAAPolygon(pts, color: color)
        c.fillPolygon(pts, color: color, rule: .gfxdraw)
    }

    static func circle(_ c: inout Canvas, _ x: Int, _ y: Int, _ r: Int, _ color: RGBColor) {
        c.drawCircle(center: Point2D(Double(x), Double(y)), radius: Double(r), color: color)
        c.fillCircle(center: Point2D(Double(x), Double(y)), radius: Double(r), color: color)
    }

    /// CartPole: 600x400, 125 px per unit, cart 50x30 at y = 100, pole 10 x 125 px.
    static func cartPole(x: Double, theta: Double, xThreshold: Double = 2.4, length: Double = 0.5) -> RGBImage {
        let width = 600, height = 400
        var c = Canvas(width: width, height: height, background: .white)
        let scale = Double(width) / (xThreshold * 2)
        let polewidth = 10.0, polelen = scale * (2 * length), cartwidth = 50.0, cartheight = 30.0
        var (l, r, t, b) = (-cartwidth / 2, cartwidth / 2, cartheight / 2, -cartheight / 2)
        let axleoffset = cartheight / 4.0
        let cartx = x * scale + Double(width) / 2.0
        let carty = 100.0
        let cart = [(l, b), (l, t), (r, t), (r, b)].map { Point2D($0.0 + cartx, $0.1 + carty) }
        polygon(&c, cart, .black)
        (l, r, t, b) = (-polewidth / 2, polewidth / 2, polelen - polewidth / 2, -polewidth / 2)
        let pole = [(l, b), (l, t), (r, t), (r, b)].map { p -> Point2D in
            let q = rotate(p.0, p.1, -theta)
            return Point2D(q.0 + cartx, q.1 + carty + axleoffset)
        }
        polygon(&c, pole, RGBColor(202, 152, 101))
        circle(&c, Int(cartx), Int(carty + axleoffset), Int(polewidth / 2), RGBColor(129, 132, 203))
        c.horizontalLine(0, width, y: Int(carty), .black)
        c.flipVertically()
        return c.image
    }

    /// MountainCar (discrete and continuous): 600x400, the hill `sin(3x)·0.45 + 0.55`, the car tilted
    /// by `cos(3·pos)`, two wheels and the goal flag.
    static func mountainCar(position pos: Double, goalPosition: Double) -> RGBImage {
        let width = 600, height = 400
        let minP = -1.2, maxP = 0.6
        var c = Canvas(width: width, height: height, background: .white)
        let scale = Double(width) / (maxP - minP)
        let carwidth = 40.0, carheight = 20.0
        func h(_ x: Double) -> Double { sin(3 * x) * 0.45 + 0.55 }
        let xs = (0..<100).map { minP + (maxP - minP) * Double($0) / 99 }
        let pts = xs.map { Point2D(($0 - minP) * scale, h($0) * scale) }
        for i in 1..<pts.count { c.drawAALine(from: pts[i - 1], to: pts[i], color: .black) }
        let clearance = 10.0
        let (l, r, t, b) = (-carwidth / 2, carwidth / 2, carheight, 0.0)
        let ang = cos(3 * pos)
        let car = [(l, b), (l, t), (r, t), (r, b)].map { p -> Point2D in
            let q = rotate(p.0, p.1, ang)
            return Point2D(q.0 + (pos - minP) * scale, q.1 + clearance + h(pos) * scale)
        }
        polygon(&c, car, .black)
        for w in [(carwidth / 4, 0.0), (-carwidth / 4, 0.0)] {
            let q = rotate(w.0, w.1, ang)
            circle(&c, Int(q.0 + (pos - minP) * scale), Int(q.1 + clearance + h(pos) * scale), Int(carheight / 2.5), RGBColor(128, 128, 128))
        }
        let flagx = Int((goalPosition - minP) * scale)
        let flagy1 = Int(h(goalPosition) * scale)
        let flagy2 = flagy1 + 50
        for y in flagy1...flagy2 { c.setPixel(x: flagx, y: y, .black) }
        let flag = [Point2D(Double(flagx), Double(flagy2)), Point2D(Double(flagx), Double(flagy2 - 10)), Point2D(Double(flagx + 25), Double(flagy2 - 5))]
        polygon(&c, flag, RGBColor(204, 204, 0))
        c.flipVertically()
        return c.image
    }

    /// Pendulum: 500x500, a red rod of length 1 (scale 500/4.4) from the centre, rotated by θ + π/2,
    /// with round ends and a black axle. (Gymnasium also blits a torque-arrow image; omitted here.)
    static func pendulum(theta: Double) -> RGBImage {
        let dim = 500
        var c = Canvas(width: dim, height: dim, background: .white)
        let bound = 2.2
        let scale = Double(dim) / (bound * 2)
        let offset = dim / 2
        let rodLength = 1 * scale, rodWidth = 0.2 * scale
        let (l, r, t, b) = (0.0, rodLength, rodWidth / 2, -rodWidth / 2)
        let red = RGBColor(204, 77, 77)
        let rod = [(l, b), (l, t), (r, t), (r, b)].map { p -> Point2D in
            let q = rotate(p.0, p.1, theta + Double.pi / 2)
            return Point2D(q.0 + Double(offset), q.1 + Double(offset))
        }
        polygon(&c, rod, red)
        circle(&c, offset, offset, Int(rodWidth / 2), red)
        let end = rotate(rodLength, 0, theta + Double.pi / 2)
        circle(&c, Int(end.0 + Double(offset)), Int(end.1 + Double(offset)), Int(rodWidth / 2), red)
        circle(&c, offset, offset, Int(0.05 * scale), .black)
        c.flipVertically()
        return c.image
    }

    /// Acrobot: 500x500, two cyan links with yellow joints and the black goal line at height 1.
    static func acrobot(_ s: [Double]) -> RGBImage {
        let dim = 500
        var c = Canvas(width: dim, height: dim, background: .white)
        let bound = 1.0 + 1.0 + 0.2
        let scale = Double(dim) / (bound * 2)
        let offset = Double(dim) / 2
        let p1 = (-1.0 * cos(s[0]) * scale, 1.0 * sin(s[0]) * scale)
        let xys = [(0.0, 0.0), (p1.1, p1.0)]
        let thetas = [s[0] - Double.pi / 2, s[0] + s[1] - Double.pi / 2]
        let lengths = [1.0 * scale, 1.0 * scale]
        c.drawLine(from: Point2D(-2.2 * scale + offset, 1 * scale + offset), to: Point2D(2.2 * scale + offset, 1 * scale + offset), color: .black)
        for k in 0..<2 {
            let x = xys[k].0 + offset, y = xys[k].1 + offset
            let (l, r, t, b) = (0.0, lengths[k], 0.1 * scale, -0.1 * scale)
            let link = [(l, b), (l, t), (r, t), (r, b)].map { p -> Point2D in
                let q = rotate(p.0, p.1, thetas[k])
                return Point2D(q.0 + x, q.1 + y)
            }
            polygon(&c, link, RGBColor(0, 204, 204))
            circle(&c, Int(x), Int(y), Int(0.1 * scale), RGBColor(204, 204, 0))
        }
        c.flipVertically()
        return c.image
    }
}

