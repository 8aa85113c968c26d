// Rendering of CarRacing._render / _render_road / _render_indicators and Car.draw
// (gymnasium/envs/box2d/car_racing.py, car_dynamics.py) with RLRender's pygame-compatible canvas.
//
// Gymnasium draws every frame on a 1000x800 surface and smoothscales it to 96x96 (state_pixels) or
// 600x400 (rgb_array). `RenderQuality.exact` does exactly that. `.fast` (the default for observations)
// draws the same primitives directly on a (96k)x(96k) canvas, the window coordinates scaled by
// (96k/1000, 96k/800), and box-averages k x k blocks: the same area average at a fraction of the cost.
import RLPhysics
import RLRender
import RLSupport

/// How observations are rasterised.
public enum RenderQuality: Sendable, Equatable {
    /// Full 1000x800 frame with pygame's rules, then pygame's smoothscale (slow, closest to Gymnasium).
    case exact
    /// Direct rendering at `supersample` x 96 pixels per side, then a box filter.
    case fast(supersample: Int)
}

enum CarRacingRenderMode { case statePixels, rgbArray }

struct CarRacingRenderer {
    typealias K = CarRacingConstants
    var quality: RenderQuality = .fast(supersample: 2)
    var canvas = Canvas(width: 0, height: 0)
    var fastCanvas = Canvas32(width: 0, height: 0)
    var roadBounds: [Bound] = []
    var roadBoundsTrack: Double?
    var downsampleTable: [UInt8] = []
    var downsampleFactor = 0
    var pts: [Point2D] = []
    /// pygame smoothscale's response to flat colour (1000x800 → 96x96), applied after the box filter.
    static let smoothscaleLUT = Canvas.smoothscaleConstantResponse(sourceWidth: K.windowW, sourceHeight: K.windowH,
                                                                   width: K.stateW, height: K.stateH)

    /// Window-to-canvas scale factors and the canvas size for a mode.
    func layout(_ mode: CarRacingRenderMode) -> (w: Int, h: Int, sx: Double, sy: Double, exact: Bool) {
        switch (mode, quality) {
        case (.rgbArray, _), (_, .exact):
            return (K.windowW, K.windowH, 1, 1, true)
        case (.statePixels, .fast(let k)):
            let kk = max(1, k)
            return (K.stateW * kk, K.stateH * kk, Double(K.stateW * kk) / Double(K.windowW), Double(K.stateH * kk) / Double(K.windowH), false)
        }
    }

    /// A frame for `mode` (600x400 `rgb_array` or the 96x96 observation) as a new image.
    mutating func render(_ env: CarRacing, mode: CarRacingRenderMode) -> RGBImage {
        if mode == .statePixels && !layout(mode).exact {
            let n = K.stateW * K.stateH * 3
            let px = [UInt8](unsafeUninitializedCapacity: n) { buf, count in
                _ = draw(env, mode: mode, into: buf.baseAddress!)
                count = n
            }
            return RGBImage(width: K.stateW, height: K.stateH, channels: 3, pixels: px)
        }
        return draw(env, mode: mode, into: nil)!
    }

    /// The 96x96x3 observation drawn straight into `dst` (the array the env hands out): no image in
    /// between with the fast renderer; `.exact` renders pygame's way and copies.
    mutating func renderObservation(_ env: CarRacing, into dst: UnsafeMutablePointer<UInt8>) {
        if let image = draw(env, mode: .statePixels, into: dst) {
            image.pixels.withUnsafeBufferPointer { dst.update(from: $0.baseAddress!, count: min($0.count, K.stateW * K.stateH * 3)) }
        }
    }

    /// Draws a frame: into `dst` when given and the fast renderer makes it (returns nil), else as an image.
    mutating func draw(_ env: CarRacing, mode: CarRacingRenderMode, into dst: UnsafeMutablePointer<UInt8>?) -> RGBImage? {
        guard let car = env.car, let track = env.track else {
            if let dst, mode == .statePixels { dst.update(repeating: 0, count: K.stateW * K.stateH * 3); return nil }
            return RGBImage(width: K.stateW, height: K.stateH)
        }
        let L = layout(mode)
        let angle = -Double(car.hull.angle)
        let zoom = 0.1 * K.scale * max(1 - env.t, 0) + K.zoom * K.scale * min(env.t, 1)
        let scrollX = -Double(car.hull.position.x) * zoom
        let scrollY = -Double(car.hull.position.y) * zoom
        let ca = cos(angle), sa = sin(angle)
        let tx = Double(K.windowW) / 2 + (ca * scrollX - sa * scrollY)
        let ty = Double(K.windowH) / 4 + (sa * scrollX + ca * scrollY)
        if L.exact {
            if canvas.width != L.w || canvas.height != L.h { canvas = Canvas(width: L.w, height: L.h) } else { canvas.fill(.black) }
            let cam = Camera(cosA: ca, sinA: sa, zoom: zoom, tx: tx, ty: ty, sx: L.sx, sy: L.sy, flipHeight: nil)
            var c = Canvas(width: 0, height: 0)
            swap(&c, &canvas)
            defer { swap(&c, &canvas) }
            renderRoad(&c, env, track: track, cam: cam, exact: true)
            drawCar(&c, car, cam: cam, particles: mode == .rgbArray)
            c.flipVertically()
            renderIndicators(&c, env, car: car, sx: L.sx, sy: L.sy)
            if mode == .rgbArray { return c.smoothscaled(width: K.videoW, height: K.videoH) }
            return c.smoothscaled(width: K.stateW, height: K.stateH)
        }
        // fast: draw the flipped frame directly (y -> H - y), no flip pass
        if fastCanvas.width != L.w || fastCanvas.height != L.h { fastCanvas = Canvas32(width: L.w, height: L.h) }
        // (no clearing: the playfield fill or the black fill in renderRoad covers every pixel)
        let cam = Camera(cosA: ca, sinA: sa, zoom: zoom, tx: tx, ty: ty, sx: L.sx, sy: L.sy, flipHeight: Double(L.h))
        var c = Canvas32(width: 0, height: 0)
        swap(&c, &fastCanvas)
        defer { swap(&c, &fastCanvas) }
        renderRoad(&c, env, track: track, cam: cam, exact: false)
        drawCar(&c, car, cam: cam, particles: false)
        renderIndicators(&c, env, car: car, sx: L.sx, sy: L.sy)
        let k = L.w / K.stateW
        if downsampleFactor != k {
            downsampleTable = Canvas32.downsampleTable(factor: k, lut: CarRacingRenderer.smoothscaleLUT)
            downsampleFactor = k
        }
        if let dst { c.boxDownsample(factor: k, table: downsampleTable, into: dst); return nil }
        return c.boxDownsampled(factor: k, table: downsampleTable)
    }

    /// World → canvas mapping: rotate by the camera angle, zoom, translate (window pixels), then scale.
    struct Camera {
        let cosA: Double, sinA: Double, zoom: Double, tx: Double, ty: Double, sx: Double, sy: Double
        /// When set, canvas y is mirrored (`flipHeight − y`), which replaces pygame's flip pass.
        let flipHeight: Double?
        @inline(__always) func window(_ x: Double, _ y: Double) -> (Double, Double) {
            ((cosA * x - sinA * y) * zoom + tx, (sinA * x + cosA * y) * zoom + ty)
        }
        @inline(__always) func canvasPoint(_ wx: Double, _ wy: Double) -> Point2D {
            if let h = flipHeight { return Point2D(wx * sx, h - wy * sy) }
            return Point2D(wx * sx, wy * sy)
        }
    }

    static func truncColor(_ c: (Double, Double, Double)) -> RGBColor {
        RGBColor(clamping: Int(c.0), Int(c.1), Int(c.2))
    }

    /// A polygon's bounding circle, for rejecting far polygons before transforming their vertices.
    struct Bound { var cx: Double, cy: Double, r: Double }

    static func bound(_ poly: [(Double, Double)]) -> Bound {
        let cx = poly.reduce(0) { $0 + $1.0 } / Double(poly.count), cy = poly.reduce(0) { $0 + $1.1 } / Double(poly.count)
        let r = poly.reduce(0) { max($0, (($1.0 - cx) * ($1.0 - cx) + ($1.1 - cy) * ($1.1 - cy)).squareRoot()) }
        return Bound(cx: cx, cy: cy, r: r * 1.000001 + 1e-9)
    }

    /// True when no vertex can lie inside the padded window (a conservative early-out; the exact test follows).
    @inline(__always)
    static func surelyOutside(_ b: Bound, cam: Camera) -> Bool {
        let (wx, wy) = cam.window(b.cx, b.cy)
        let m = K.maxShapeDim + b.r * cam.zoom + 1
        return wx < -m || wx > Double(K.windowW) + m || wy < -m || wy > Double(K.windowH) + m
    }

    /// `_draw_colored_polygon`: skipped unless a vertex lies in the window padded by MAX_SHAPE_DIM.
    mutating func drawColoredPolygon<R: CanvasRaster>(_ canvas: inout R, _ poly: [(Double, Double)], _ color: RGBColor, cam: Camera, clip: Bool, exact: Bool) {
        pts.removeAll(keepingCapacity: true)
        var visible = !clip
        for (x, y) in poly {
            let (wx, wy) = cam.window(x, y)
            if !visible && wx >= -K.maxShapeDim && wx <= Double(K.windowW) + K.maxShapeDim
                && wy >= -K.maxShapeDim && wy <= Double(K.windowH) + K.maxShapeDim { visible = true }
            pts.append(cam.canvasPoint(wx, wy))
        }
        guard visible else { return }
        if exact { canvas.drawAAPolygon(pts, color: color) }
        canvas.fillPolygon(pts, color: color, rule: .gfxdraw)
    }

    /// The playfield quad (`_render_road`'s `field`).
    static let field: [(Double, Double)] = {
        let b = K.playfield
        return [(b, b), (b, -b), (-b, -b), (-b, b)]
    }()

    static let grassBounds: [Bound] = grassPolygons.map { bound($0) }

    /// Whether the playfield quad covers the whole canvas (then it is a plain fill).
    func fieldCoversCanvas(cam: Camera) -> Bool {
        // window corners (one pixel beyond) mapped back to world coordinates
        for (x, y) in [(-1.0, -1.0), (Double(K.windowW) + 1, -1.0), (-1.0, Double(K.windowH) + 1), (Double(K.windowW) + 1, Double(K.windowH) + 1)] {
            let dx = (x - cam.tx) / cam.zoom, dy = (y - cam.ty) / cam.zoom
            let wx = cam.cosA * dx + cam.sinA * dy, wy = -cam.sinA * dx + cam.cosA * dy
            if abs(wx) >= K.playfield - 1e-6 || abs(wy) >= K.playfield - 1e-6 { return false }
        }
        return true
    }

    /// The 400 grass squares of `_render_road`, in drawing order.
    static let grassPolygons: [[(Double, Double)]] = {
        let g = K.grassDim
        var out: [[(Double, Double)]] = []
        for x in stride(from: -20, to: 20, by: 2) {
            for y in stride(from: -20, to: 20, by: 2) {
                let gx = Double(x), gy = Double(y)
                out.append([(g * gx + g, g * gy + 0), (g * gx + 0, g * gy + 0), (g * gx + 0, g * gy + g), (g * gx + g, g * gy + g)])
            }
        }
        return out
    }()

    mutating func renderRoad<R: CanvasRaster>(_ canvas: inout R, _ env: CarRacing, track: CarRacingTrack, cam: Camera, exact: Bool) {
        let bg = CarRacingRenderer.truncColor(env.bgColor)
        if !exact && fieldCoversCanvas(cam: cam) {
            canvas.fillRect(x: 0, y: 0, width: canvas.width, height: canvas.height, color: bg)
        } else {
            if !exact { canvas.fillRect(x: 0, y: 0, width: canvas.width, height: canvas.height, color: .black) }
            drawColoredPolygon(&canvas, CarRacingRenderer.field, bg, cam: cam, clip: false, exact: exact)
        }
        let grass = CarRacingRenderer.truncColor(env.grassColor)
        for (k, poly) in CarRacingRenderer.grassPolygons.enumerated() {
            if CarRacingRenderer.surelyOutside(CarRacingRenderer.grassBounds[k], cam: cam) { continue }
            drawColoredPolygon(&canvas, poly, grass, cam: cam, clip: true, exact: exact)
        }
        let road = CarRacingRenderer.truncColor(env.roadColor)
        if roadBounds.count != track.roadPolygons.count || roadBoundsTrack != track.points.first?.x {
            roadBounds = track.roadPolygons.map { CarRacingRenderer.bound($0.vertices) }
            roadBoundsTrack = track.points.first?.x
        }
        for (k, p) in track.roadPolygons.enumerated() {
            if CarRacingRenderer.surelyOutside(roadBounds[k], cam: cam) { continue }
            let color = p.tileIndex >= 0 && env.tileColorIsRoad[p.tileIndex] ? road : CarRacingRenderer.truncColor(p.color)
            drawColoredPolygon(&canvas, p.vertices, color, cam: cam, clip: true, exact: exact)
        }
    }

    /// `Car.draw`: fixtures with pygame.draw.polygon, wheel stripes, skid marks for rgb_array.
    mutating func drawCar<R: CanvasRaster>(_ canvas: inout R, _ car: Car, cam: Camera, particles: Bool) {
        if particles {
            for p in car.particles {
                let color = p.grass ? RGBColor(102, 102, 0) : RGBColor.black
                let ps = p.points.map { pt -> Point2D in
                    let (wx, wy) = cam.window(pt.0, pt.1)
                    return cam.canvasPoint(wx, wy)
                }
                canvas.drawLines(ps, color: color, closed: false, width: 2)
            }
        }
        let bodies: [(Body, RGBColor, CarWheel?)] = car.wheels.map { ($0.body, RGBColor.black, $0) } + [(car.hull, RGBColor(204, 0, 0), nil)]
        for (body, color, wheel) in bodies {
            let xf = body.transform
            for f in body.fixtures {
                pts.removeAll(keepingCapacity: true)
                guard let polygon = f.shape.polygon else { continue }
                for v in polygon.vertices {
                    let wv = xf.apply(v)
                    let (wx, wy) = cam.window(Double(wv.x), Double(wv.y))
                    pts.append(cam.canvasPoint(wx, wy))
                }
                canvas.fillPolygon(pts, color: color, rule: .draw)
                guard let w = wheel else { continue }
                let a1 = w.phase, a2 = w.phase + 1.2
                let s1 = sin(a1), s2 = sin(a2)
                var c1 = cos(a1), c2 = cos(a2)
                if s1 > 0 && s2 > 0 { continue }
                if s1 > 0 { c1 = c1 > 0 ? 1 : (c1 < 0 ? -1 : 0) }
                if s2 > 0 { c2 = c2 > 0 ? 1 : (c2 < 0 ? -1 : 0) }
                let sz = K.size, ww = K.wheelW, wr = K.wheelR
                let white: [(Double, Double)] = [(-ww * sz, wr * c1 * sz), (ww * sz, wr * c1 * sz), (ww * sz, wr * c2 * sz), (-ww * sz, wr * c2 * sz)]
                pts.removeAll(keepingCapacity: true)
                for (x, y) in white {
                    let wv = xf.apply(Vec2(x, y))
                    let (wx, wy) = cam.window(Double(wv.x), Double(wv.y))
                    pts.append(cam.canvasPoint(wx, wy))
                }
                canvas.fillPolygon(pts, color: RGBColor(77, 77, 77), rule: .draw)
            }
        }
    }

    /// `_render_indicators(W, H)` plus the score text (bitmap digits stand in for pygame's font).
    mutating func renderIndicators<R: CanvasRaster>(_ canvas: inout R, _ env: CarRacing, car: Car, sx: Double, sy: Double) {
        let W = Double(K.windowW), H = Double(K.windowH)
        let s = W / 40.0, h = H / 40.0
        func poly(_ p: [(Double, Double)], _ color: RGBColor) {
            canvas.fillPolygon(p.map { Point2D($0.0 * sx, $0.1 * sy) }, color: color, rule: .draw)
        }
        poly([(W, H), (W, H - 5 * h), (0, H - 5 * h), (0, H)], .black)
        func vertical(_ place: Double, _ val: Double) -> [(Double, Double)] {
            [(place * s, H - (h + h * val)), ((place + 1) * s, H - (h + h * val)), ((place + 1) * s, H - h), ((place + 0) * s, H - h)]
        }
        func horizontal(_ place: Double, _ val: Double) -> [(Double, Double)] {
            [((place + 0) * s, H - 4 * h), ((place + val) * s, H - 4 * h), ((place + val) * s, H - 2 * h), ((place + 0) * s, H - 2 * h)]
        }
        func renderIfMin(_ value: Double, _ points: [(Double, Double)], _ color: RGBColor) {
            if abs(value) > 1e-4 { poly(points, color) }
        }
        let vx = Double(car.hull.linearVelocity.x), vy = Double(car.hull.linearVelocity.y)
        let trueSpeed = (vx * vx + vy * vy).squareRoot()
        renderIfMin(trueSpeed, vertical(5, 0.02 * trueSpeed), .white)
        let w = car.wheels
        renderIfMin(w[0].omega, vertical(7, 0.01 * w[0].omega), RGBColor(0, 0, 255))
        renderIfMin(w[1].omega, vertical(8, 0.01 * w[1].omega), RGBColor(0, 0, 255))
        renderIfMin(w[2].omega, vertical(9, 0.01 * w[2].omega), RGBColor(51, 0, 255))
        renderIfMin(w[3].omega, vertical(10, 0.01 * w[3].omega), RGBColor(51, 0, 255))
        let ja = Double(w[0].joint.jointAngle)
        renderIfMin(ja, horizontal(20, -10.0 * ja), RGBColor(0, 255, 0))
        let av = Double(car.hull.angularVelocity)
        renderIfMin(av, horizontal(30, -0.8 * av), RGBColor(255, 0, 0))

        // f"{reward:04.0f}" (Gymnasium HEAD), white on black, centred at (60, H - 2.5 H / 40)
        let text = CarRacingRenderer.scoreText(env.reward)
        canvas.drawDigits(text, center: Point2D(60 * sx, (H - H * 2.5 / 40.0) * sy), cellWidth: 4.0 * sx, cellHeight: 4.3 * sy,
                          color: .white)
    }

    /// Python's `f"{x:04.0f}"`: rounded half to even, zero-padded to width 4 (sign included).
    static func scoreText(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "0nan" : (x > 0 ? "0inf" : "-inf") }
        let r = x.rounded(.toNearestOrEven)
        let neg = r < 0 || (r == 0 && x.sign == .minus)
        let digits = String(Int(abs(r)))
        let body = neg ? "-" : ""
        let pad = max(0, 4 - body.count - digits.count)
        return body + String(repeating: "0", count: pad) + digits
    }
}
