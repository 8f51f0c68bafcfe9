#!/usr/bin/env python3
"""Writes a Typst document with the same content as a swapguide guide.

Used by benches/pdf.sh to compare swapguide's PDF build with Typst's on
equal content: the same text, headings, lists, tables, boxes and pictures
(Typst embeds the same image files). Markdown is translated line by line,
which is close enough for a timing comparison, not a faithful renderer.
"""
import re
import json
import sys
import tomllib
from pathlib import Path


def esc(text: str) -> str:
    # Characters Typst markup gives a meaning to.
    return re.sub(r'([\\#*_`$<>@\[\]~/=+-])', r'\\\1', text)


def inline(md: str) -> str:
    out = esc(md)
    out = re.sub(r'\\\*\\\*(.+?)\\\*\\\*', r'*\1*', out)
    out = re.sub(r'\\_(.+?)\\_', r'_\1_', out)
    return out


def markdown(md: str) -> str:
    lines = []
    table = []
    for line in (md or "").splitlines():
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.append(cells)
            continue
        if table:
            cols = max(len(r) for r in table)
            body = ", ".join(f"[{inline(c)}]" for r in table for c in r + [""] * (cols - len(r)))
            lines.append(f"#table(columns: {cols}, {body})")
            table = []
        m = re.match(r"(\d+)\.\s+(.*)", s)
        if m:
            lines.append(f"+ {inline(m.group(2))}")
        elif s.startswith(("- ", "* ")):
            lines.append(f"- {inline(s[2:])}")
        else:
            lines.append(inline(s))
    if table:
        cols = max(len(r) for r in table)
        body = ", ".join(f"[{inline(c)}]" for r in table for c in r + [""] * (cols - len(r)))
        lines.append(f"#table(columns: {cols}, {body})")
    return "\n".join(lines)


def boxed(title: str, md: str) -> str:
    return f'#block(fill: luma(240), inset: 8pt, width: 100%)[*{esc(title)}* \\ {markdown(md)}]'


def tstr(text: str) -> str:
    """A Typst string literal (its escapes are JSON's, less \\uXXXX)."""
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    guide_dir = Path(sys.argv[1])
    out = Path(sys.argv[2])
    g = tomllib.loads((guide_dir / "guide.toml").read_text())
    tag = g["guide"].get("language", "en")
    lang = tag.split("-")[0]
    # The bundled font of the guide's script first, Noto Sans after it, as
    # swapguide picks them. Chinese, Japanese and Korean come after Noto
    # Sans (swapguide tries its bundled fonts first), from the Noto Sans
    # CJK collection the guide lists in its fonts/ folder.
    cjk = {"ja": "JP", "ko": "KR", "zh": "TC" if "Hant" in tag else "SC"}.get(lang)
    script_font = {"ar": "Noto Sans Arabic", "he": "Noto Sans Hebrew",
                   "hi": "Noto Sans Devanagari", "th": "Noto Sans Thai"}.get(lang)
    if cjk:
        fonts = f'("Noto Sans", "Noto Sans CJK {cjk}")'
    elif script_font:
        fonts = f'("{script_font}", "Noto Sans")'
    else:
        fonts = '"Noto Sans"'
    parts = [
        f'#set document(title: {tstr(g["guide"]["title"])})',
        '#set page(paper: "us-letter", margin: 19mm, footer: context [Need help? Call us '
        + esc(g["support"]["phone"]) + ' #h(1fr) Page #counter(page).display() of #counter(page).final().first()])',
        f'#set text(font: {fonts}, size: 11pt, lang: "{lang}")',
        f'= {esc(g["guide"]["title"])}',
        markdown(g["guide"].get("intro", "")),
        boxed("You won't need the internet for this guide.", ""),
        f'*Need help? Call us* #text(22pt)[*{esc(g["support"]["phone"])}*]',
        esc(g["support"]["hours"]),
    ]
    for side in ("old", "new"):
        dev = g["equipment"][side]
        if "image" in dev:
            parts.append(f'#image("{guide_dir / dev["image"]}", width: 40%, alt: {tstr(dev.get("alt", ""))})')
        parts.append(esc(dev["name"]))
    for item in g.get("kit", []):
        parts.append(f'- {esc(item["name"])}')
    parts.append("#pagebreak()")
    for i, step in enumerate(g["steps"], 1):
        parts.append(f'== Step {i}: {esc(step["title"])}')
        if "image" in step:
            parts.append(f'#image("{guide_dir / step["image"]}", width: 80%, alt: {tstr(step.get("alt", ""))})')
        parts.append(markdown(step.get("body", "")))
        for key, title in (("warning", "Caution"), ("tip", "Tip")):
            if key in step:
                parts.append(boxed(title, step[key]))
        if "done_when" in step:
            parts.append(f'☐ *Done when:* {esc(step["done_when"])}')
    parts.append("== What the lights mean")
    rows = ", ".join(
        f'[{esc(l["light"])}], [{esc(l["state"])}], [{esc(l["meaning"])}]' for l in g.get("lights", [])
    )
    parts.append(f"#table(columns: 3, {rows})")
    parts.append("== If something goes wrong")
    for t in g.get("troubleshooting", []):
        parts.append(f'*{esc(t["symptom"])}*\n\n{markdown(t["fix"])}')
    ret = g.get("return", {})
    if ret:
        parts.append("== Send back your old equipment")
        for item in ret.get("items", []):
            parts.append(f"- {esc(item)}")
        parts.append(markdown(ret.get("drop_off", "")))
    out.write_text("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
