/// An axis-aligned bounding box (`b2AABB`).
public struct AABB: Hashable, Sendable {
    public var lower: Vec2
    public var upper: Vec2
    public init(lower: Vec2, upper: Vec2) { self.lower = lower; self.upper = upper }

    /// `b2TestOverlap(a, b)` for boxes.
    @inline(__always) public func overlaps(_ b: AABB) -> Bool {
        !(b.lower.x - upper.x > 0 || b.lower.y - upper.y > 0 || lower.x - b.upper.x > 0 || lower.y - b.upper.y > 0)
    }

    /// The box grown by `r` on every side.
    @inline(__always) func fattened(_ r: Float) -> AABB {
        AABB(lower: Vec2(lower.x - r, lower.y - r), upper: Vec2(upper.x + r, upper.y + r))
    }
}
