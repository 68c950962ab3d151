"""Plan-vs-fact charts as PNG (for DOCX) and SVG (inline in HTML), drawn with matplotlib.

The figure is drawn on an explicit Agg canvas (``FigureCanvasAgg``), never through ``pyplot``, so
no window, no global state and no backend depends on the machine. A chart holds no document text,
only the indicator's id, years and numbers: the caption beside it carries the name, so an inline
SVG cannot smuggle markup and no font lacks a glyph. Output is deterministic (fixed hash salt, no
date in the metadata), so the same report gives the same file.
"""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from zhospar.report.model import ChartSeries

__all__ = ["chart_png", "chart_svg"]

_REPORTED = "#9e9e9e"
_TARGET = "#4f81bd"
_FACT = "#c0504d"
_WIDTH = 0.6


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else math.nan


def _figure(series: ChartSeries) -> Figure:
    fig = Figure(figsize=(6.4, 3.2), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    xs = list(range(len(series.points)))
    reported = [_float(p.reported) for p in series.points]
    targets = [_float(p.target) for p in series.points]
    facts = [_float(p.fact) for p in series.points]
    if any(not math.isnan(v) for v in reported):
        ax.bar(xs, reported, _WIDTH, color=_REPORTED, label="Reported (plan)")
    ax.bar(xs, targets, _WIDTH, color=_TARGET, label="Target (plan)")
    if any(not math.isnan(v) for v in facts):
        ax.plot(xs, facts, color=_FACT, marker="o", linewidth=2, label="Fact")
    ax.set_xticks(xs, [str(p.year) for p in series.points])
    ax.set_title(series.title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    return fig


def chart_png(series: ChartSeries, *, dpi: int = 120) -> bytes:
    """The chart as PNG bytes."""
    buffer = io.BytesIO()
    _figure(series).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)


def chart_svg(series: ChartSeries) -> str:
    """The chart as an ``<svg>`` element to inline in HTML (no XML prologue, no external refs)."""
    buffer = io.StringIO()
    salt = f"zhospar-{series.indicator_id}"  # distinct element ids for each chart on a page
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        _figure(series).savefig(buffer, format="svg", metadata={"Date": None})
    return _PROLOGUE.sub("", buffer.getvalue(), count=1)
