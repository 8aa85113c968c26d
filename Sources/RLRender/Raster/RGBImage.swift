/// An 8-bit image, row-major, `channels` interleaved bytes per pixel (1 = gray, 3 = RGB, 4 = RGBA).
public struct RGBImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    /// A black image.
    public init(width: Int, height: Int, channels: Int = 3) {
        precondition(width >= 0 && height >= 0 && (1...4).contains(channels))
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = [UInt8](repeating: 0, count: width * height * channels)
    }

    public init(width: Int, height: Int, channels: Int = 3, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels, "pixel count does not match \(width)x\(height)x\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
