import RLRender

/// HTML for the media outputs (tables, SVG plots, images, animation players).
///
/// PLACEHOLDER until the media issue lands: minimal but valid renderings.
public enum MediaHTML {
    public static func table(_ table: Table) -> String {
        var s = "<table class=\"rl-table\"><thead><tr>"
        for c in table.columns { s += "<th>\(HTML.escape(c))</th>" }
        s += "</tr></thead><tbody>"
        for row in table.rows {
            s += "<tr>"
            for cell in row {
                switch cell {
                case .int(let v): s += "<td class=\"num\">\(v)</td>"
                case .double(let v): s += "<td class=\"num\">\(v)</td>"
                case .string(let v): s += "<td>\(HTML.escape(v))</td>"
                case .bool(let v): s += "<td>\(v)</td>"
                case .empty: s += "<td></td>"
                }
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }

    public static func plot(_ plot: Plot, assets: ReportAssets) -> String {
        "<div class=\"rl-plot\">[plot: \(plot.series.count) series]</div>"
    }

    public static func image(_ image: ImageOutput, assets: ReportAssets) -> String {
        "<div class=\"rl-image\">[\(image.images.count) image(s)]</div>"
    }

    public static func animation(_ animation: Animation, assets: ReportAssets) -> String {
        "<div class=\"rl-animation\" data-rlbook-player data-frame=\"0\">[\(animation.frames.count) frames]</div>"
    }
}
