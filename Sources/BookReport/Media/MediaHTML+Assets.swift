extension MediaHTML {
    /// CSS for tables, plots, images and players; include once per page.
    public static let styles = """
    .rl-table-wrap{max-width:100%;overflow:auto;max-height:36em;margin:.5em 0}
    .rl-table{border-collapse:collapse;font-size:.9em}
    .rl-table caption{font-weight:600;text-align:left;padding:.2em 0}
    .rl-table th,.rl-table td{border-bottom:1px solid var(--border,#ddd);padding:.2em .7em;text-align:left;white-space:nowrap}
    .rl-table th{background:var(--soft,#f5f5f5);position:sticky;top:0}
    .rl-table .num{text-align:right;font-variant-numeric:tabular-nums}
    .rl-plot{margin:.5em 0}
    .rl-plot svg{max-width:100%;height:auto;display:block;border-radius:4px}
    .rl-plot figcaption{font-size:.75em;color:var(--muted,#777)}
    .rl-image{margin:.5em 0}
    .rl-image figcaption,.rl-player figcaption{font-size:.85em;color:var(--muted,#555)}
    .rl-grid{display:grid;gap:4px;justify-content:start;align-items:start}
    .rl-px{image-rendering:pixelated;image-rendering:crisp-edges;max-width:100%;height:auto}
    .rl-player{display:inline-block;margin:.5em 0;padding:6px;border:1px solid var(--border,#ddd);border-radius:6px;outline:none}
    .rl-player:focus{border-color:var(--accent,#1f77b4)}
    .rl-player-img{display:block}
    .rl-player-bar{display:flex;align-items:center;gap:8px;margin-top:4px}
    .rl-player-slider{flex:1}
    .rl-player-status,.rl-player-speed{font-size:.8em;color:var(--muted,#555);font-variant-numeric:tabular-nums;white-space:nowrap}
    .rl-player-controls{display:flex;flex-wrap:wrap;align-items:center;gap:2px;margin-top:4px}
    .rl-player-controls button{border:1px solid var(--border,#ccc);background:var(--soft,#fafafa);color:var(--fg,#333);border-radius:4px;padding:2px 6px;cursor:pointer;line-height:1}
    .rl-player-controls button:hover{filter:brightness(0.92)}
    .rl-player-controls button[aria-pressed=true]{background:var(--accent,#1f77b4);color:#fff;border-color:var(--accent,#1f77b4)}
    .rl-player-modes{margin-left:8px;font-size:.8em}
    .rl-media-note{font-size:.85em;color:var(--warn,#8a6d00);background:var(--warn-bg,#fff8e1);padding:.2em .5em;border-radius:4px}
    pre.rl-stdout{margin:.3em 0;white-space:pre-wrap}
    """

    /// The player script; include once per page (safe if included twice). It only reads the JSON
    /// data blocks of players (`JSON.parse`) and never evaluates text from outputs.
    public static let script = """
    (function(){
    "use strict";
    if (window.rlbookMedia) { window.rlbookMedia.initAll(); return; }
    var api = {};
    window.rlbookMedia = api;
    function setup(root){
      if (root.rlPlayer) return;
      var dataEl = root.querySelector("script.rl-player-data");
      if (!dataEl) return;
      var data;
      try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
      var img = root.querySelector(".rl-player-img");
      var slider = root.querySelector(".rl-player-slider");
      var status = root.querySelector(".rl-player-status");
      var speed = root.querySelector(".rl-player-speed");
      var total = parseInt(root.getAttribute("data-frames"), 10) || data.frames.length;
      var n = data.index.length;
      var st = { i: 0, dir: 1, timer: null, fps: parseFloat(root.getAttribute("data-fps")) || 30, mode: "loop" };
      function show(i){
        st.i = Math.max(0, Math.min(n - 1, i));
        img.src = data.images[data.index[st.i]];
        slider.value = String(st.i);
        var f = data.frames[st.i];
        root.setAttribute("data-frame", String(f));
        status.textContent = "frame " + (f + 1) + " / " + total;
      }
      function stop(){ if (st.timer !== null) { clearTimeout(st.timer); st.timer = null; } root.removeAttribute("data-playing"); }
      function tick(){
        var j = st.i + st.dir;
        if (j >= n || j < 0) {
          if (st.mode === "once") { stop(); return; }
          if (st.mode === "loop") { j = st.dir > 0 ? 0 : n - 1; }
          else { st.dir = -st.dir; j = st.i + st.dir; if (j >= n || j < 0) j = st.i; }
        }
        show(j);
        st.timer = setTimeout(tick, 1000 / st.fps);
      }
      function play(dir){
        stop();
        st.dir = dir;
        if (st.mode === "once" && ((dir > 0 && st.i >= n - 1) || (dir < 0 && st.i <= 0))) show(dir > 0 ? 0 : n - 1);
        root.setAttribute("data-playing", dir > 0 ? "forward" : "backward");
        st.timer = setTimeout(tick, 1000 / st.fps);
      }
      function setSpeed(f){
        st.fps = Math.max(0.25, Math.min(240, f));
        speed.textContent = (Math.round(st.fps * 100) / 100) + " fps";
        if (st.timer !== null) play(st.dir);
      }
      function act(action, el){
        switch (action) {
          case "play": play(1); break;
          case "reverse": play(-1); break;
          case "pause": stop(); break;
          case "next": stop(); show(st.i + 1); break;
          case "prev": stop(); show(st.i - 1); break;
          case "first": stop(); show(0); break;
          case "last": stop(); show(n - 1); break;
          case "faster": setSpeed(st.fps * 1.5); break;
          case "slower": setSpeed(st.fps / 1.5); break;
          case "mode":
            st.mode = el.getAttribute("data-mode") || "loop";
            var ms = root.querySelectorAll("[data-action=mode]");
            for (var k = 0; k < ms.length; k++) ms[k].setAttribute("aria-pressed", ms[k] === el ? "true" : "false");
            break;
        }
      }
      root.addEventListener("click", function(ev){
        var el = ev.target.closest ? ev.target.closest("[data-action]") : null;
        if (!el || !root.contains(el) || el.tagName === "INPUT") return;
        act(el.getAttribute("data-action"), el);
      });
      slider.addEventListener("input", function(){ stop(); show(parseInt(slider.value, 10) || 0); });
      root.addEventListener("keydown", function(ev){
        if (ev.target !== root && ev.target !== slider) return;
        var k = ev.key;
        if (k === " " || k === "Spacebar") { if (st.timer !== null) stop(); else play(1); }
        else if (k === "ArrowRight") { stop(); show(st.i + 1); }
        else if (k === "ArrowLeft") { stop(); show(st.i - 1); }
        else if (k === "Home") { stop(); show(0); }
        else if (k === "End") { stop(); show(n - 1); }
        else return;
        ev.preventDefault();
      });
      root.rlPlayer = { act: act, show: show, state: st };
    }
    api.initAll = function(){
      var roots = document.querySelectorAll("[data-rlbook-player]");
      for (var i = 0; i < roots.length; i++) setup(roots[i]);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", api.initAll);
    else api.initAll();
    })();
    """
}
