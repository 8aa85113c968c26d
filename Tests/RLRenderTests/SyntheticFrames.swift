import RLRender
import RLSupport

/// CarRacing-like frames for encoder tests and benchmarks: green grass with lighter stripes, a gray
/// road made of quadrilateral tiles (slightly varying gray, like Gymnasium's car_racing.py road
/// colours), a red car in the middle, and a black HUD bar with white/green/blue indicator bars.
enum SyntheticFrames {
    /// Frame `t` of a drive along a curving road, `size`×`size` RGB.
    static func carRacing(_ t: Int, size: Int = 96) -> RGBImage {
        var im = RGBImage(width: size, height: size, channels: 3)
        let hud = size / 8
        let angle = Double(t) * 0.02
        let shift = Double(t) * 1.7
        func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
            let i = (y * size + x) * 3
            im.pixels[i] = c.0; im.pixels[i + 1] = c.1; im.pixels[i + 2] = c.2
        }
        for y in 0..<(size - hud) {
            for x in 0..<size {
                // Rotate/translate into world space.
                let dx = Double(x - size / 2), dy = Double(y - size / 2)
                let wx = dx * cos(angle) - dy * sin(angle)
                let wy = dx * sin(angle) + dy * cos(angle) + shift
                // Grass: 102,204,102 with 102,230,102 checker stripes every 14 world units.
                let cell = (Int((wx + 1000).rounded(.down)) / 14 + Int((wy + 1000).rounded(.down)) / 14) % 2
                var c: (UInt8, UInt8, UInt8) = cell == 0 ? (102, 204, 102) : (102, 230, 102)
                // Road: a band around a sine curve, tiles of slightly different gray.
                let centre = 18 * sin(wy / 40)
                if abs(wx - centre) < 14 {
                    let tile = Int((wy + 1000).rounded(.down)) / 6
                    let g = UInt8(102 + (tile % 3) * 2)
                    c = (g, g, g)
                    // Red/white kerb on curves.
                    if abs(wx - centre) > 12.5 && abs(cos(wy / 40)) < 0.5 { c = tile % 2 == 0 ? (255, 0, 0) : (255, 255, 255) }
                }
                set(x, y, c)
            }
        }
        // Car: red body with black wheels, centred, fixed in screen space.
        let cx = size / 2, cy = size * 2 / 3
        for y in (cy - 5)...(cy + 5) { for x in (cx - 2)...(cx + 2) { set(x, y, (204, 0, 0)) } }
        for (wx, wy) in [(-3, -4), (3, -4), (-3, 3), (3, 3)] {
            for y in (cy + wy)...(cy + wy + 1) { set(cx + wx, y, (0, 0, 0)) }
        }
        // HUD: black bar, a white speed bar, green/red indicator bars, varying with t.
        for y in (size - hud)..<size { for x in 0..<size { set(x, y, (0, 0, 0)) } }
        let speed = 5 + (t * 3) % 20
        for y in (size - hud + 2)..<(size - 2) {
            for x in 2..<(2 + speed) { set(x, y, (255, 255, 255)) }
            for x in 40..<(40 + (t % 10)) { set(x, y, (0, 255, 0)) }
            for x in 60..<(60 + (t * 7) % 15) { set(x, y, (0, 0, 255)) }
        }
        return im
    }
}

