"""The annual implementation report as one self-contained HTML page (Jinja2 templates).

Text from the plan and from users is untrusted, so autoescaping is always on. The only markup
passed through unescaped is the charts' SVG, which ``charts`` draws from numbers and ids alone.
The page loads nothing from elsewhere (no CDN, no fonts, no scripts) and its Content Security
Policy forbids scripts, so it opens the same offline, in a mail attachment or on a file share.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from zhospar.evaluate.forecast import chance_word
from zhospar.i18n import current_language, gettext, ngettext, pgettext
from zhospar.report import _format
from zhospar.report.model import AnnualReport, SignOff
from zhospar.report.official import OfficialReport, columns, reporting_period_head
from zhospar.report.risks import state_word

__all__ = [
    "environment",
    "render_html",
    "render_official_html",
    "signoff_context",
    "write_html",
    "write_official_html",
]


def environment() -> Environment:
    """The templates of ``zhospar/report/templates`` with autoescape on and strict undefined."""
    env = Environment(
        loader=PackageLoader("zhospar.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The report's words in the language of the moment (``zhospar report --lang``).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=False, pgettext=pgettext
    )
    env.globals["current_language"] = current_language
    env.filters.update(
        number=_format.number,
        amount=_format.amount,
        percent=_format.percent,
        status_class=_format.status_class,
        chance=chance_word,
        moment=_format.moment,
        figure=_format.figure,
        risk_state=state_word,
        score_text=_format.score_text,
        indicator_label=_format.indicator_label,
        risk_links=_format.risk_links,
        assessment_text=_format.assessment_text,
        signal_text=_format.signal_text,
    )
    return env


def _charts(report: AnnualReport) -> dict[str, tuple[Markup, str]]:
    """Each drawn chart's SVG and caption (plain text, escaped by the template)."""
    from zhospar.report.charts import caption, chart_svg  # drawn only when there is a chart

    lines = {x.id: x for x in report.indicators}
    # chart_svg escapes the id and draws numbers and years only: no document or user text.
    return {
        c.indicator_id: (Markup(chart_svg(c)), caption(c, lines.get(c.indicator_id)))
        for c in report.charts
        if c.has_data
    }


def signoff_context(state: SignOff) -> dict[str, Any]:
    """What the base template needs to say a year is approved or a draft: the banner, and for a
    draft the marker on every printed page (``@page`` margin box)."""
    return {"state": state, "draft": "" if state.approved else state.marker}


def render_html(report: AnnualReport) -> str:
    context: dict[str, Any] = {
        "report": report,
        "charts": _charts(report),
        **signoff_context(report.state),
    }
    return environment().get_template("annual.html.j2").render(**context)


def render_official_html(form: OfficialReport) -> str:
    """The official form as one self-contained HTML page."""
    context: dict[str, Any] = {
        "form": form,
        "columns": columns(),
        "reporting_period": reporting_period_head(form.year),
        **signoff_context(form.signoff),
    }
    return environment().get_template("official.html.j2").render(**context)


def write_html(report: AnnualReport, path: str | Path) -> Path:
    """Write the report as an HTML page at ``path`` (UTF-8)."""
    target = Path(path)
    target.write_text(render_html(report), encoding="utf-8")
    return target


def write_official_html(form: OfficialReport, path: str | Path) -> Path:
    """Write the official form as an HTML page at ``path`` (UTF-8)."""
    target = Path(path)
    target.write_text(render_official_html(form), encoding="utf-8")
    return target
