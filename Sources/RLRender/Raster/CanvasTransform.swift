import RLSupport

/// A 2D similarity transform in pygame's convention: rotate by `angle` (radians, like
/// `pygame.math.Vector2.rotate_rad`), scale by `zoom`, then translate.
///
/// `apply(x, y)` = `rotate((x, y), angle) * zoom + (tx, ty)`, which is how Gymnasium's CarRacing maps
/// world coordinates to its 1000x800 surface.
public struct CanvasTransform: Sendable, Hashable {
    public var zoom: Double
    public var angle: Double
    public var tx: Double
    public var ty: Double
    // cached rotation-scale coefficients
    public private(set) var cosZ: Double
    public private(set) var sinZ: Double

    public init(zoom: Double = 1, angle: Double = 0, translation: Point2D = Point2D(0, 0)) {
        self.zoom = zoom; self.angle = angle; tx = translation.x; ty = translation.y
        cosZ = cos(angle); sinZ = sin(angle)
    }

    /// The identity transform.
    public static let identity = CanvasTransform()

    /// Maps a point: rotation first (in double precision, like pygame's Vector2), then zoom, then translation.
    @inline(__always)
    public func apply(_ x: Double, _ y: Double) -> Point2D {
        let rx = x * cosZ - y * sinZ
        let ry = x * sinZ + y * cosZ
        return Point2D(rx * zoom + tx, ry * zoom + ty)
    }

    /// Maps every point of a polygon.
    public func apply(_ points: [Point2D]) -> [Point2D] { points.map { apply($0.x, $0.y) } }
}
