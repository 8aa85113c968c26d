/// The report's inline stylesheet and script (nothing is fetched from the network).
enum ReportStyle {
    /// Light theme, a dark theme under `prefers-color-scheme: dark`, and print rules.
    static let css = """
    :root {
      --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #f6f8fa; --accent: #0969da;
      --code-bg: #f6f8fa; --ok: #1a7f37; --ok-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
      --warn: #9a6700; --warn-bg: #fff8c5; --info: #0969da; --info-bg: #ddf4ff; --idle: #59636e; --idle-bg: #eff2f5;
      --hl-kw: #cf222e; --hl-str: #0a3069; --hl-num: #0550ae; --hl-com: #6e7781; --hl-opt: #8c959f;
      --hl-type: #8250df; --hl-fn: #6639ba; --hl-interp: #953800;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --soft: #151b23; --accent: #4493f8;
        --code-bg: #151b23; --ok: #3fb950; --ok-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
        --warn: #d29922; --warn-bg: #272115; --info: #4493f8; --info-bg: #121d2f; --idle: #9198a1; --idle-bg: #212830;
        --hl-kw: #ff7b72; --hl-str: #a5d6ff; --hl-num: #79c0ff; --hl-com: #8b949e; --hl-opt: #6e7681;
        --hl-type: #d2a8ff; --hl-fn: #d2a8ff; --hl-interp: #ffa657;
      }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 16px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
    .rl-page { max-width: 58rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
    code, pre, kbd, .rl-mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace; font-size: 0.875rem; }
    a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; font-weight: 600; }
    h1 { font-size: 2em; } h2 { font-size: 1.5em; border-bottom: 1px solid var(--border); padding-bottom: .3em; } h3 { font-size: 1.25em; }
    p, ul, ol, blockquote, table, pre { margin: 0 0 1em; }
    img { max-width: 100%; }
    hr { border: 0; border-top: 1px solid var(--border); margin: 1.5em 0; }
    blockquote { margin-left: 0; padding: 0 1em; color: var(--muted); border-left: .25em solid var(--border); }
    .rl-prose table, .rl-outputs table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
    .rl-prose th, .rl-prose td { border: 1px solid var(--border); padding: .35em .75em; }
    .rl-prose tr:nth-child(2n) td { background: var(--soft); }
    .rl-prose code { background: var(--code-bg); padding: .15em .35em; border-radius: 4px; }
    .rl-prose pre { background: var(--code-bg); padding: .85em 1em; border-radius: 6px; overflow-x: auto; }
    .rl-prose pre code { background: none; padding: 0; }
    .rl-prose details { margin: 0 0 1em; padding: .5em .85em; border: 1px solid var(--border); border-radius: 6px; }
    .rl-prose summary { cursor: pointer; font-weight: 600; }
    .rl-prose details[open] > summary { margin-bottom: .5em; }
    .rl-prose video, .rl-prose img { max-width: 100%; height: auto; }
    .rl-prose kbd { border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 4px; padding: 0 .3em; background: var(--soft); }
    .rl-prose .task-list-item { list-style: none; }
    .rl-prose .task-list-item-checkbox { margin: 0 .35em 0 -1.3em; vertical-align: middle; }
    .markdown-alert { margin: 0 0 1em; padding: .5em 1em; border-left: .25em solid var(--alert, var(--border)); }
    .markdown-alert > :last-child { margin-bottom: 0; }
    .markdown-alert-title { font-weight: 600; color: var(--alert); margin-bottom: .25em; }
    .markdown-alert-note { --alert: #0969da; } .markdown-alert-tip { --alert: #1a7f37; }
    .markdown-alert-important { --alert: #8250df; } .markdown-alert-warning { --alert: #9a6700; }
    .markdown-alert-caution { --alert: #cf222e; }
    .footnotes { font-size: .875em; color: var(--muted); border-top: 1px solid var(--border); margin-top: 1.5em; padding-top: .5em; }
    .footnote-ref a, .footnote-backref { text-decoration: none; }
    math { font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", math; font-size: 1.1em; }
    math.math-display { display: block math; margin: .75em 0; overflow-x: auto; overflow-y: hidden; }
    merror { border: 1px solid var(--fail); background: var(--fail-bg); padding: 0 .2em; }
    .rl-header { border-bottom: 1px solid var(--border); margin-bottom: 1.5rem; padding-bottom: 1rem; }
    .rl-header h1 { margin-top: 0; }
    .rl-facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; font-size: .9rem; }
    .rl-facts dt { color: var(--muted); } .rl-facts dd { margin: 0; overflow-wrap: anywhere; }
    .rl-banner { border: 1px solid; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1.5rem; }
    .rl-banner p { margin: 0 0 .5rem; } .rl-banner p:last-child { margin-bottom: 0; }
    .rl-banner-failed, .rl-banner-notrun { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
    .rl-banner-interrupted, .rl-banner-running { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
    .rl-banner .rl-error { color: var(--fg); }
    .rl-toc { background: var(--soft); border: 1px solid var(--border); border-radius: 6px; padding: .75rem 1.25rem; margin-bottom: 2rem; }
    .rl-toc h2 { font-size: 1rem; margin: 0 0 .4rem; border: 0; padding: 0; }
    .rl-toc ul { list-style: none; margin: 0; padding: 0; }
    .rl-toc li { margin: .1rem 0; }
    .rl-toc .rl-toc-2 { padding-left: 1rem; } .rl-toc .rl-toc-3 { padding-left: 2rem; } .rl-toc .rl-toc-4,
    .rl-toc .rl-toc-5, .rl-toc .rl-toc-6 { padding-left: 3rem; font-size: .9em; }
    .rl-cell { border: 1px solid var(--border); border-radius: 6px; margin: 1.25rem 0; overflow: hidden; }
    .rl-cell-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .3rem .75rem; background: var(--soft);
      border-bottom: 1px solid var(--border); font-size: .8rem; color: var(--muted); }
    .rl-cell-label { font-weight: 600; }
    .rl-cell-line { margin-left: auto; }
    .rl-badge { display: inline-block; border-radius: 2em; padding: 0 .6em; font-weight: 600; font-size: .75rem; line-height: 1.6; }
    .rl-badge-ok, .rl-badge-expectedError, .rl-badge-cached { color: var(--ok); background: var(--ok-bg); }
    .rl-badge-failed, .rl-badge-unexpectedSuccess { color: var(--fail); background: var(--fail-bg); }
    .rl-badge-allowedError { color: var(--warn); background: var(--warn-bg); }
    .rl-badge-running { color: var(--info); background: var(--info-bg); }
    .rl-badge-notEvaluated, .rl-badge-skipped, .rl-badge-notRun { color: var(--idle); background: var(--idle-bg); }
    .rl-source { margin: 0; padding: .6rem .75rem; background: var(--code-bg); overflow-x: auto; line-height: 1.45; tab-size: 4; }
    .rl-source .rl-line::before { content: attr(data-n); display: inline-block; width: 3.5ch; margin-right: 1.25ch; text-align: right;
      color: var(--hl-opt); -webkit-user-select: none; user-select: none; }
    .hl-kw { color: var(--hl-kw); } .hl-str { color: var(--hl-str); } .hl-num { color: var(--hl-num); }
    .hl-com { color: var(--hl-com); font-style: italic; } .hl-opt { color: var(--hl-opt); }
    .hl-type { color: var(--hl-type); } .hl-fn { color: var(--hl-fn); } .hl-interp { color: var(--hl-interp); }
    .rl-source-hidden { padding: .3rem .75rem; font-size: .8rem; color: var(--muted); font-style: italic; }
    .rl-outputs { padding: .6rem .75rem; }
    .rl-outputs:empty { display: none; }
    .rl-outputs > * { margin: 0 0 .6rem; } .rl-outputs > *:last-child { margin-bottom: 0; }
    .rl-text pre, pre.rl-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.45; }
    .rl-fold > summary { cursor: pointer; color: var(--muted); font-size: .8rem; padding: .15rem 0; }
    .rl-error { border-left: 4px solid var(--fail); background: var(--fail-bg); border-radius: 4px; padding: .5rem .75rem; }
    .rl-error.rl-severity-warning { border-color: var(--warn); background: var(--warn-bg); }
    .rl-error.rl-severity-note { border-color: var(--info); background: var(--info-bg); }
    .rl-error-head { font-size: .8rem; color: var(--muted); }
    .rl-error-kind { font-weight: 700; color: var(--fail); text-transform: uppercase; letter-spacing: .03em; }
    .rl-severity-warning .rl-error-kind { color: var(--warn); } .rl-severity-note .rl-error-kind { color: var(--info); }
    .rl-error-msg { font-weight: 600; margin: .15rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .rl-error-src { margin: .35rem 0 0; padding: .4rem .6rem; background: var(--bg); border-radius: 4px; overflow-x: auto; line-height: 1.4; }
    .rl-caret { color: var(--fail); font-weight: 700; }
    .rl-caret-pad { visibility: hidden; }
    .rl-error-notes { margin: .35rem 0 0; white-space: pre-wrap; font-size: .85rem; color: var(--muted); }
    .rl-note { border-left: 4px solid var(--info); background: var(--info-bg); border-radius: 4px; padding: .35rem .75rem; font-size: .9rem; }
    .rl-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); font-size: .8rem; color: var(--muted); }
    @page { margin: 1.5cm; }
    @media print {
      body { font-size: 11pt; background: #fff; color: #000; }
      .rl-page { max-width: none; padding: 0; }
      .rl-cell, .rl-error, .rl-note, .rl-banner { break-inside: avoid; }
      .rl-source, .rl-text pre { white-space: pre-wrap; }
      .rl-fold > summary { display: none; }
      a { color: inherit; }
    }
    """

    /// Opens every folded output while printing, so paper shows everything; restores afterwards.
    static let script = """
    (function () {
      var opened = [];
      window.addEventListener('beforeprint', function () {
        document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; opened.push(d); });
      });
      window.addEventListener('afterprint', function () {
        opened.forEach(function (d) { d.open = false; });
        opened = [];
      });
    })();
    """
}
