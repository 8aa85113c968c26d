import RLSupport

/// Turns a `Report` into one self-contained `index.html` (plus assets) and writes it atomically.
///
/// The page has inline CSS and JavaScript only and fetches nothing from the network, so it
/// works offline and prints well. All text from the tutorial and the cells is HTML-escaped;
/// only `Output.html` (produced by the engine, never by user text) is inserted as is.
public struct ReportWriter {
    public init() {}

    /// The HTML page for a report; media renderers add files to `assets`.
    public func html(_ report: Report, assets: ReportAssets) -> String {
        ReportPage(report: report, assets: assets).render()
    }

    /// Writes the assets, then `index.html`, into `directory` (created if needed), each file atomically
    /// (temp file + rename), so a reader never sees a half-written page.
    public func write(_ report: Report, to directory: String) throws {
        let assets = ReportAssets()
        let page = html(report, assets: assets)
        try FileIO.createDirectory(directory)
        for file in assets.files { try FileIO.writeAtomically(file.bytes, to: directory + "/" + file.name) }
        try FileIO.writeAtomically(page, to: directory + "/index.html")
    }
}
