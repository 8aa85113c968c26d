#!/usr/bin/env python3
"""Opens an rlbook report in Chromium (Playwright) and checks what a reader would see.

Checks: no console errors or page errors; nothing requested beyond file: and data: URLs;
SVG plots and images visible (non-zero size, images decoded); pressing play advances a player's
`data-frame` (and the arrow key steps it); a `<script>` printed by a cell is shown as text and
never runs (the marker global `rlbookInjected` stays undefined). With --prose (or when the page
has math): MathML elements are laid out with non-zero size, a `<details>` block opens when its
summary is clicked and shows its content, and a raw `<script>` in prose never runs
(`rlbookProseInjected` stays undefined). Saves a full-page screenshot.

Usage: check_report.py REPORT_DIR [--chromium /usr/bin/chromium] [--screenshot PATH] [--prose]
Exit status: 0 all checks passed, 1 a check failed, 2 the report could not be opened.
"""
import argparse
import os
import sys

from playwright.sync_api import sync_playwright


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report_dir")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--screenshot", default=".build/browser-artifacts/report.png")
    ap.add_argument("--prose", action="store_true", help="require math and a <details> block")
    args = ap.parse_args()

    index = os.path.abspath(os.path.join(args.report_dir, "index.html"))
    if not os.path.isfile(index):
        print(f"error: {index} does not exist")
        return 2
    failures = []
    console_errors, page_errors, foreign = [], [], []

    def check(ok, message):
        print(("ok:   " if ok else "FAIL: ") + message)
        if not ok:
            failures.append(message)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.on("request", lambda r: None if r.url.split(":", 1)[0] in ("file", "data", "about", "blob") else foreign.append(r.url))
        page.goto("file://" + index, wait_until="load")
        page.wait_for_timeout(300)

        # Plots.
        plots = page.query_selector_all("svg.rl-plot-svg")
        check(len(plots) > 0, f"{len(plots)} SVG plot(s) on the page")
        for i, svg in enumerate(plots):
            box = svg.bounding_box()
            check(box is not None and box["width"] > 50 and box["height"] > 50, f"plot {i + 1} is visible ({box and int(box['width'])}x{box and int(box['height'])})")

        # Images (players' frames included).
        imgs = page.query_selector_all("img")
        check(len(imgs) > 0, f"{len(imgs)} image(s) on the page")
        for i, img in enumerate(imgs):
            natural = img.evaluate("e => e.complete ? e.naturalWidth : 0")
            box = img.bounding_box()
            check(natural > 0 and box is not None and box["width"] > 0 and box["height"] > 0,
                  f"image {i + 1} decoded ({natural} px wide) and visible")

        # Players.
        players = page.query_selector_all("[data-rlbook-player]")
        check(len(players) > 0, f"{len(players)} animation player(s) on the page")
        for i, player in enumerate(players):
            frames = int(player.get_attribute("data-frames") or "1")
            if frames < 2:
                continue
            player.scroll_into_view_if_needed()
            start = player.get_attribute("data-frame")
            player.query_selector("[data-action=play]").click()
            try:
                page.wait_for_function("([el, s]) => el.getAttribute('data-frame') !== s", arg=[player, start], timeout=4000)
                moved = True
            except Exception:
                moved = False
            check(moved, f"player {i + 1}: play advances data-frame (from {start} to {player.get_attribute('data-frame')})")
            player.query_selector("[data-action=pause]").click()
            player.query_selector("[data-action=first]").click()
            check(player.get_attribute("data-frame") == "0", f"player {i + 1}: first goes to frame 0")
            player.focus()
            page.keyboard.press("ArrowRight")
            after = player.get_attribute("data-frame")
            check(after not in (None, "0"), f"player {i + 1}: arrow key steps forward (data-frame {after})")
            player.query_selector("[data-action=last]").click()
            check(player.get_attribute("data-frame") == str(frames - 1) or "showing" in player.inner_text(),
                  f"player {i + 1}: last goes to the last frame ({player.get_attribute('data-frame')})")

        # Loop modes and speed on the last multi-frame player.
        multi = [pl for pl in players if int(pl.get_attribute("data-frames") or "1") > 2 and "showing" not in pl.inner_text()]
        if multi:
            pl = multi[-1]
            n = int(pl.get_attribute("data-frames"))
            speed0 = pl.query_selector(".rl-player-speed").inner_text()
            pl.query_selector("[data-action=faster]").click()
            check(pl.query_selector(".rl-player-speed").inner_text() != speed0, f"faster changes the speed ({speed0} -> {pl.query_selector('.rl-player-speed').inner_text()})")
            pl.query_selector("[data-mode=reflect]").click()
            pl.query_selector("[data-action=last]").click()
            pl.query_selector("[data-action=play]").click()
            try:
                page.wait_for_function("el => parseInt(el.getAttribute('data-frame')) < %d" % (n - 1), arg=pl, timeout=4000)
                ok = True
            except Exception:
                ok = False
            pl.query_selector("[data-action=pause]").click()
            check(ok, f"reflect mode turns around at the last frame (data-frame {pl.get_attribute('data-frame')})")
            pl.query_selector("[data-mode=once]").click()
            pl.query_selector("[data-action=last]").click()
            pl.query_selector("[data-action=prev]").click()
            pl.query_selector("[data-action=play]").click()
            page.wait_for_timeout(1200)
            check(pl.get_attribute("data-frame") == str(n - 1) and pl.get_attribute("data-playing") is None,
                  f"once mode stops at the last frame (data-frame {pl.get_attribute('data-frame')})")
            pl.query_selector("[data-action=reverse]").click()
            try:
                page.wait_for_function("el => parseInt(el.getAttribute('data-frame')) < %d" % (n - 1), arg=pl, timeout=4000)
                ok = True
            except Exception:
                ok = False
            pl.query_selector("[data-action=pause]").click()
            check(ok, "play backwards moves towards frame 0")

        if args.prose or page.query_selector("math") is not None:
            check_prose(page, check)

        # Printed <script> text is shown, not executed.
        injected = page.evaluate("typeof window.rlbookInjected")
        check(injected == "undefined", f"printed <script> did not run (typeof rlbookInjected = {injected})")
        body_text = page.inner_text("body")
        if "rlbookInjected" in page.content():
            check("<script>window.rlbookInjected" in body_text, "printed <script> is visible as text")

        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
        page.evaluate("() => { for (const el of document.querySelectorAll('[data-action=pause]')) el.click(); }")
        page.screenshot(path=args.screenshot, full_page=True)
        print(f"screenshot: {args.screenshot}")
        browser.close()

    check(not console_errors, "no console errors" + ("" if not console_errors else ": " + " | ".join(console_errors[:5])))
    check(not page_errors, "no page errors" + ("" if not page_errors else ": " + " | ".join(page_errors[:5])))
    check(not foreign, "no network requests" + ("" if not foreign else ": " + ", ".join(foreign[:5])))
    if failures:
        print(f"browser test FAILED: {len(failures)} check(s)")
        return 1
    print("browser test passed")
    return 0


def check_prose(page, check):
    """Math laid out as MathML, <details> that opens, raw <script> in prose inert."""
    maths = page.query_selector_all("math")
    check(len(maths) >= 2, f"{len(maths)} MathML formula(s) on the page")
    for i, m in enumerate(maths):
        m.scroll_into_view_if_needed()
        box = m.bounding_box()
        check(box is not None and box["width"] > 0 and box["height"] > 0,
              f"formula {i + 1} has a size ({box and round(box['width'])}x{box and round(box['height'])})")
    # Chromium lays MathML out natively: a fraction or under/over script is taller than its line of text.
    tall = page.query_selector("math munderover, math munder, math mfrac, math msubsup")
    if tall is not None:
        box = tall.bounding_box()
        check(box is not None and box["height"] > 0, f"MathML script layout has a size ({box and round(box['height'])} px high)")
    errors = page.query_selector_all("math merror")
    check(not errors, f"no unsupported TeX in the formulas ({len(errors)} merror)")
    details = page.query_selector_all("details")
    check(len(details) > 0, f"{len(details)} <details> block(s) on the page")
    if details:
        d = details[0]
        d.scroll_into_view_if_needed()
        closed = d.evaluate("e => !e.open")
        d.query_selector("summary").click()
        opened = d.evaluate("e => e.open")
        inner = d.query_selector("table, p, ul")
        box = inner.bounding_box() if inner is not None else None
        check(closed and opened and box is not None and box["height"] > 0,
              f"<details> opens on a click on its summary and shows its content ({box and round(box['height'])} px)")
    injected = page.evaluate("typeof window.rlbookProseInjected")
    check(injected == "undefined", f"raw <script> in prose did not run (typeof rlbookProseInjected = {injected})")


if __name__ == "__main__":
    sys.exit(main())
