"""The risk register, watched: each risk of the plan with the indicators that signal it, what
they say in a year, and the planners' assessments with their history.

The link of a risk to its indicators is the report's rule (``zhospar.report.risks``), and the
state of a risk in a year is read from the annual report of that year, so the register, the
report and its risk sheet always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.i18n import gettext
from zhospar.model.assessments import LEVELS, RiskAssessment
from zhospar.report import RiskLine
from zhospar.report.risks import RISK_RULE, RISK_STATE_RULE
from zhospar.services import queries
from zhospar.services.context import AppContext
from zhospar.store.evaluation import StoredEvaluation
from zhospar.store.risk_assessments import record_assessment

__all__ = ["LEVELS", "AssessmentForm", "RiskRegister", "risk_register", "submit_assessment"]


@dataclass(frozen=True)
class RiskRegister:
    """The register in ``year``: each risk with its links, signals, state and assessment."""

    year: int
    risks: tuple[RiskLine, ...]
    rule: str  # how a risk is linked to its indicators
    state_rule: str  # when a risk is materialising
    history: dict[str, tuple[RiskAssessment, ...]]  # every assessment of a risk, oldest first

    def risk(self, risk_id: str) -> RiskLine | None:
        return next((r for r in self.risks if r.id == risk_id), None)


def risk_register(stored: StoredEvaluation, year: int) -> RiskRegister:
    """The register of the stored plan in ``year`` (a year of its period)."""
    report = queries.year_report(stored, year)
    history = {
        r.id: tuple(a for a in stored.assessments if a.risk_id == r.id) for r in report.risks
    }
    rules = gettext(RISK_RULE), gettext(RISK_STATE_RULE)  # in the language of the moment
    return RiskRegister(report.year, report.risks, *rules, history)


@dataclass(frozen=True)
class AssessmentForm:
    """An assessment as typed: likelihood and impact (1-5) and the note it rests on."""

    likelihood: str = ""
    impact: str = ""
    note: str = ""


def submit_assessment(
    ctx: AppContext, risk_id: str, year: int, form: AssessmentForm
) -> RiskAssessment:
    """Record the assessment as the configured user (the store checks every field)."""
    return record_assessment(
        ctx.db,
        ctx.plan_key,
        risk_id,
        year,
        likelihood=form.likelihood,
        impact=form.impact,
        note=form.note,
        user=ctx.user,
    )
