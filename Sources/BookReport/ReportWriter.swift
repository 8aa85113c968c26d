import RLSupport

/// Turns a `Report` into one self-contained `index.html` (plus assets) and writes it atomically.
///
/// The page has inline CSS and JavaScript only and fetches nothing from the network, so it
/// works offline and prints well. All text from the tutorial and the cells is HTML-escaped;
/// only `Output.html` (produced by the engine, never by user text) is inserted as is.
public struct ReportWriter {
    /// Kept between writes of one run (media and prose encoded once, assets written once); nil
    /// renders everything afresh.
    public let cache: ReportRenderCache?

    public init(cache: ReportRenderCache? = nil) {
        self.cache = cache
    }

    /// The HTML page for a report; media renderers add files to `assets`.
    public func html(_ report: Report, assets: ReportAssets) -> String {
        ReportPage(report: report, assets: assets, cache: cache).render()
    }

    /// Writes the assets, then `index.html`, into `directory` (created if needed), each file atomically
    /// (temp file + rename), so a reader never sees a half-written page. With a cache, only the assets
    /// added since the last write are written.
    public func write(_ report: Report, to directory: String) throws {
        try FileIO.createDirectory(directory)
        if let cache {
            let page = html(report, assets: cache.assets)
            cache.retain(only: report)
            try cache.writeNewAssets(to: directory)
            try FileIO.writeAtomically(page, to: directory + "/index.html")
            return
        }
        let assets = ReportAssets()
        let page = html(report, assets: assets)
        for file in assets.files { try FileIO.writeAtomically(file.bytes, to: directory + "/" + file.name) }
        try FileIO.writeAtomically(page, to: directory + "/index.html")
    }
}
