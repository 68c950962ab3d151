"""How numbers and labels read in the DOCX and HTML reports (the XLSX keeps numbers as numbers).

Numbers are written in the language of the moment (``zhospar.i18n``): Kazakh and Russian with a
decimal comma and a non-breaking space between thousands (Babel's CLDR data), English as it
always read (a decimal point, a plain space between thousands of tenge). A value keeps its own
decimals ("0.0044 %" is never rounded to "0,00 %"); the web's number filters call these too.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from zhospar.i18n import (
    current_language,
    format_amount,
    format_decimal,
    format_moment,
    format_number,
    gettext,
    ngettext,
)
from zhospar.report.model import IndicatorLine, RiskLine, Score

__all__ = [
    "NO_VALUE",
    "amount",
    "assessment_text",
    "facts_given",
    "figure",
    "indicator_label",
    "moment",
    "number",
    "percent",
    "risk_links",
    "score_line",
    "score_text",
    "signal_text",
    "status_class",
    "xml_safe",
]

NO_VALUE = "—"


def number(value: Decimal | None) -> str:
    """A value as the evaluation holds it, without trailing zeros: 6.2, 5.775, 50
    (``zhospar.i18n.format_number``)."""
    return format_number(value)


def amount(value: Decimal | None) -> str:
    """Money in thousand tenge, grouped by thousands with spaces as the plan prints it
    (``zhospar.i18n.format_amount``)."""
    return format_amount(value)


def percent(display: str | None) -> str:
    """A percentage as the evaluation shows it ("116.98"), with its own decimals."""
    if display is None:
        return NO_VALUE
    if current_language() == "en":
        return f"{display} %"
    return f"{figure(display)}\u00a0%"


def figure(display: str | None) -> str:
    """A figure the evaluation shows as text ("116.98"), its decimals kept, in the language of
    the moment ("116,98" in Kazakh and Russian; as it is in English)."""
    if display is None:
        return NO_VALUE
    if current_language() == "en":
        return display
    try:
        value = Decimal(display)
    except ArithmeticError:
        return display
    return format_decimal(value, places=len(display.partition(".")[2]))


def moment(value: dt.datetime) -> str:
    """When a report was made, in UTC, as the language writes it (``format_moment``)."""
    return format_moment(value)


def status_class(status: str) -> str:
    """The CSS class of a status: status-achieved, status-nearly ..."""
    return f"status-{status.replace('_', '-')}"


def score_text(score: Score) -> str:
    shown = percent(score.display) if score.display is not None else gettext("no score")
    stands_on = f" {score.stands_on}" if score.display is not None else ""
    status = score.verdict_label
    return gettext(
        "{shown} ({status}){stands_on}; achieved {achieved}, nearly {nearly}, not achieved "
        "{not_achieved}, no data {no_data}"
    ).format(
        shown=shown,
        status=status,
        stands_on=stands_on,
        achieved=score.achieved,
        nearly=score.nearly,
        not_achieved=score.not_achieved,
        no_data=score.no_data,
    )


def risk_links(risk: RiskLine) -> str:
    if not risk.links:
        return gettext("no direction shares its words")
    return "; ".join(
        gettext("direction {number}: {why}").format(
            number=x.direction,
            why=gettext("named in the risk table")
            if x.explicit
            else gettext("shared words {words}").format(words=", ".join(x.shared)),
        )
        for x in risk.links
    )


def signal_text(risk: RiskLine) -> str:
    if not risk.signals:
        return gettext("no target indicators in the linked directions")
    return "; ".join(
        f"{s.id} {s.status_label}"
        + (f" ({percent(s.display_percent)})" if s.display_percent else "")
        for s in risk.signals
    )


def score_line(score: Score, cost: Decimal | None = None) -> str:
    """The line under a direction's, goal's, task's or program's heading: its score, and for a
    goal the cost the allocation appendix gives it (the DOCX and the PDF)."""
    line = gettext("Score: {score}").format(score=score_text(score))
    if not cost:
        return line
    spent = gettext("; cost (allocation appendix): {amount} thousand tenge")
    return line + spent.format(amount=amount(cost))


def assessment_text(risk: RiskLine) -> str:
    """The planner's assessment in force, or that none is recorded for the year."""
    return risk.assessment.text if risk.assessment is not None else gettext("not assessed")


def indicator_label(line: IndicatorLine) -> str:
    """The indicator's name; a breakdown row reads "  of which: әйелдер"."""
    if line.breakdown:
        return gettext("of which: {label}").format(label=line.breakdown)
    return line.name


def facts_given(count: int) -> str:
    """Where a report's facts came from when the caller names no origin: "9 facts given"."""
    return ngettext("{count} fact given", "{count} facts given", count).format(count=count)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the control characters XML (the DOCX) and a PDF string cannot hold: a
    comment may carry them."""
    return _NOT_XML.sub("", text)
