import RLRender

/// HTML for the media outputs: tables, inline SVG plots, PNG images and animation players.
///
/// Everything is self-contained (images are `data:` URIs, icons inline SVG). The page must include
/// `MediaHTML.styles` (in a `<style>`) and `MediaHTML.script` (in a `<script>`) once; players work
/// with several on a page and never evaluate output text.
public enum MediaHTML {
    /// An inline SVG plot in a `<figure>`; the same SVG is added to `assets` as a standalone `.svg` file.
    public static func plot(_ plot: Plot, assets: ReportAssets) -> String {
        let svg = svg(plot)
        let file = assets.add(name: "plot.svg", bytes: Array(svg.utf8))
        var s = "<figure class=\"rl-plot\">" + svg
        s += "<figcaption><a class=\"rl-asset\" href=\"\(HTML.escape(file))\" download>\(HTML.escape(file))</a></figcaption></figure>"
        return s
    }

    /// The plot as a standalone SVG document (deterministic: same plot, same bytes).
    public static func svg(_ plot: Plot) -> String { SVGPlot(plot: plot).render() }

    /// Images as embedded PNGs, laid out in a grid of `gridColumns`; small images are shown
    /// enlarged by an integer factor with `image-rendering: pixelated` (the PNG keeps the original pixels).
    public static func image(_ image: ImageOutput, assets: ReportAssets) -> String {
        let cols = max(1, min(image.gridColumns, image.images.count))
        var s = "<figure class=\"rl-image\"><div class=\"rl-grid\" style=\"grid-template-columns:repeat(\(cols),auto)\">"
        let maxSide = image.images.map { max($0.width, $0.height) }.max() ?? 1
        let factor = ImageOps.readableScale(width: maxSide, height: maxSide, target: image.images.count > 1 ? 160 : 256)
        for (i, im) in image.images.enumerated() {
            let png = PNGEncoder.encode(im)
            s += "<img class=\"rl-px\" alt=\"image \(i + 1)\" width=\"\(im.width * factor)\" height=\"\(im.height * factor)\" src=\"\(Base64.pngDataURI(png))\">"
        }
        s += "</div>"
        if let c = image.caption { s += "<figcaption>\(HTML.escape(c))</figcaption>" }
        return s + "</figure>"
    }

    /// An animation player (like matplotlib's `to_jshtml`) within the default 20 MB budget.
    public static func animation(_ animation: Animation, assets: ReportAssets) -> String {
        AnimationPlayer(animation: animation, budgetBytes: AnimationPlayer.defaultBudget).html()
    }

    /// An animation player whose embedded frames stay within `budgetBytes`.
    public static func animation(_ animation: Animation, budgetBytes: Int) -> String {
        AnimationPlayer(animation: animation, budgetBytes: budgetBytes).html()
    }

    /// A minimal self-contained page around `body` with the media styles and script (for tests and previews).
    public static func page(title: String, body: String, lang: String = "en") -> String {
        "<!doctype html>\n<html lang=\"\(HTML.escape(lang))\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>\(HTML.escape(title))</title>"
            + "<style>\(styles)</style></head><body><h1>\(HTML.escape(title))</h1>\n\(body)\n<script>\(script)</script></body></html>\n"
    }
}
