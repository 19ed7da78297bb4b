"""The peer in the benchmark: the same brief through a jinja2 HTML template and WeasyPrint.

Runs in the benchmark's own environment (bench/.venv, made by ``make bench-peer``),
never the tool's: WeasyPrint is not a dependency of briefing.

    bench/.venv/bin/python bench/peer/peer.py BRIEF.json OUT.pdf

BRIEF.json is ``briefing extract`` of the seeds: the same sections, timeline,
trade table, chart, sources, contents and "Page N of M" as the tool's PDF.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jinja2
import weasyprint

HERE = Path(__file__).resolve().parent
TITLES = {
    "history": "History",
    "economy": "Economy and trade",
    "security": "Security",
    "social_cultural": "Society and culture",
}


def money(value, currency: str) -> str:
    if value is None:
        return "\u2013"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{currency} {value / scale:,.1f} {word}"
    return f"{currency} {value:,.0f}"


def chart(rows: list[dict]) -> str:
    """Exports and imports per period as an inline SVG bar chart."""
    rows = [r for r in rows if r.get("exports") is not None or r.get("imports") is not None]
    if len(rows) < 2:
        return ""
    top = max(max(r.get("exports") or 0, r.get("imports") or 0) for r in rows) or 1
    width, height, pad = 460, 180, 30
    step = (width - pad) / len(rows)
    bars = []
    for i, r in enumerate(rows):
        for j, (key, colour) in enumerate((("exports", "#2F6690"), ("imports", "#D08C3A"))):
            h = (r.get(key) or 0) / top * (height - 2 * pad)
            x = pad + i * step + 4 + j * (step - 8) / 2
            bars.append(
                f'<rect x="{x:.1f}" y="{height - pad - h:.1f}" width="{(step - 8) / 2:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        bars.append(
            f'<text x="{pad + i * step + step / 2:.1f}" y="{height - pad + 12}" font-size="8" '
            f'text-anchor="middle">{r["period"]}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width}" y2="{height - pad}" stroke="#AAB4BE"/>'
        + "".join(bars)
        + "</svg>"
    )


def render(brief: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True)
    env.filters["money"] = money
    numbers = {d["file"]: i for i, d in enumerate(brief["documents"], 1)}
    cite = lambda files: ", ".join(str(numbers[f]) for f in files if f in numbers)  # noqa: E731
    trade = [
        dict(
            r,
            balance=(r["exports"] - r["imports"])
            if r.get("exports") is not None and r.get("imports") is not None
            else None,
        )
        for r in brief["trade"]
    ]
    return env.get_template("briefing.html.j2").render(
        brief=brief, titles=TITLES, cite=cite, trade=trade, chart=chart(trade), pair=" and ".join(brief["countries"])
    )


def main(argv: list[str]) -> None:
    brief = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    weasyprint.HTML(string=render(brief), base_url=str(HERE)).write_pdf(argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
