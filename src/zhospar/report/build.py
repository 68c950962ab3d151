"""Gather the annual implementation report for a year from the plan, the facts and the evaluation.

``build_report`` calls ``zhospar.evaluate.evaluate_year`` once and arranges its results by
direction, goal and task, beside the plan's own figures and their lines; it computes no figure of
its own, so the report shows what the API and the pages show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from zhospar._exceptions import ValidationError
from zhospar.evaluate import (
    ACHIEVED_AT,
    CAP,
    NEARLY_AT,
    Aggregate,
    BudgetExecution,
    EvaluationOptions,
    Fact,
    GoalCost,
    YearEvaluation,
    evaluate_year,
    latest,
)
from zhospar.i18n import N_, gettext
from zhospar.model.assessments import RiskAssessment
from zhospar.model.plan import Direction, Goal, Indicator, Phase, Plan, Task
from zhospar.model.walk import IndicatorPlace, iter_indicators
from zhospar.report._format import facts_given
from zhospar.report._lines import (
    CommentKey,
    Comments,
    evidence,
    fact_sources,
    indicator_line,
    milestone_line,
    score_of,
)
from zhospar.report.model import (
    AnnualReport,
    BudgetLine,
    ChartPoint,
    ChartSeries,
    DirectionSection,
    GoalSection,
    IndicatorLine,
    ProgramSection,
    RiskLine,
    SignalLine,
    SignOff,
    TaskSection,
    UnmatchedLine,
)
from zhospar.report.risks import RISK_RULE, RISK_STATE_RULE, link_risks, risk_state

__all__ = ["build_report", "comments_of", "method_notes"]


def method_notes(cap: Decimal) -> tuple[str, ...]:
    """The method in a few sentences, with the cap in force for the plan."""
    shown = format(cap.normalize(), "f")
    return (
        gettext(
            "Achievement: increase fact / target × 100 %; decrease target / fact × 100 %; keep at "
            "the level: 100 − (deviation − tolerance); milestones done / late / not done by the "
            "due year."
        ),
        gettext(
            "Status: achieved at {achieved} % and above (a fact above the target is achieved), "
            "nearly achieved at {nearly} % and above, not achieved below; no data when there is "
            'no target or no fact. Worded as the ministry\'s reports: "achieved", "achieved by '
            '92.5 %", "achieved (decrease: positive dynamics)".'
        ).format(achieved=ACHIEVED_AT, nearly=NEARLY_AT),
        gettext(
            "Scores of tasks, goals, directions and the plan: the mean of their indicators' and "
            "milestones' achievements, each capped at {cap} %; breakdown rows are shown, not "
            "counted; a score says how many indicators it stands on."
        ).format(cap=shown),
        gettext(
            "Polarity: from the wording, then the kind of quantity (a count or money: more is "
            'better), then the targets\' trend, which a planner confirms ("to be confirmed").'
        ),
        gettext(
            "Figures are computed by zhospar.evaluate (docs/method.md); targets cite their plan "
            "line, facts their source, import file and row, and who entered them."
        ),
    )


def comments_of(facts: Iterable[Fact]) -> Comments:
    """The comment of the revision in force of every fact key (see ``Comments``)."""
    by_key: dict[CommentKey, str] = {}
    for fact in latest(facts):
        comment = getattr(fact, "comment", None)
        if isinstance(comment, str) and comment.strip():
            key = (fact.indicator_id, fact.period, fact.region, fact.breakdown)
            by_key[key] = comment.strip()
    return Comments(by_key)


class _Builder:
    """The evaluation of one year, turned into sections."""

    def __init__(self, plan: Plan, evaluation: YearEvaluation, comments: Comments) -> None:
        self.plan = plan
        self.ev = evaluation
        self.comments = comments
        self.places = {p.indicator.id: p for p in iter_indicators(plan)}
        self.aggregates = _by_id(evaluation.plan_score)
        self.costs = {c.goal: c for c in evaluation.costs}
        self.lines: dict[str, IndicatorLine] = {}

    def indicator(self, place: IndicatorPlace) -> IndicatorLine:
        ident = place.indicator.id
        if ident not in self.lines:
            result = self.ev.achievements[ident]
            outlook, rollup = self.ev.forecasts[ident], self.ev.rollups.get(ident)
            self.lines[ident] = indicator_line(place, result, outlook, self.comments, rollup)
        return self.lines[ident]

    def indicators(self, indicators: Sequence[Indicator]) -> tuple[IndicatorLine, ...]:
        """Each indicator, followed by its breakdown rows."""
        out: list[IndicatorLine] = []
        for ind in indicators:
            out.append(self.indicator(self.places[ind.id]))
            out.extend(self.indicator(self.places[b.id]) for b in ind.breakdowns)
        return tuple(out)

    def task(self, task: Task) -> TaskSection:
        cost = _task_cost(self.costs, task.code)
        milestones = tuple(
            milestone_line(task.code, m, self.ev.achievements[m.id], self.comments)
            for m in task.milestones
        )
        return TaskSection(
            id=task.id,
            code=task.code,
            name=task.name,
            line=task.line,
            score=score_of(self.aggregates.get(task.id)),
            indicators=self.indicators(task.indicators),
            milestones=milestones,
            cost=cost[0],
            cost_lines=cost[1],
        )

    def goal(self, goal: Goal) -> GoalSection:
        cost = self.costs.get(goal.code)
        stated = cost.stated if cost is not None else None
        stated_row = cost.stated_row if cost is not None and stated is not None else None
        return GoalSection(
            id=goal.id,
            code=goal.code,
            name=goal.name,
            line=goal.line,
            score=score_of(self.aggregates.get(goal.id)),
            target_indicators=self.indicators(goal.target_indicators),
            tasks=tuple(self.task(t) for t in goal.tasks),
            cost=stated,
            cost_line=stated_row.line if stated_row is not None else None,
            charts=tuple(
                self.chart(i) for i in goal.target_indicators if i.deleted is None and i.values
            ),
        )

    def direction(self, direction: Direction) -> DirectionSection:
        ident = f"D{direction.number}"
        return DirectionSection(
            id=ident,
            number=direction.number,
            name=direction.name,
            line=direction.line,
            score=score_of(self.aggregates.get(ident)),
            goals=tuple(self.goal(g) for g in direction.goals),
        )

    def chart(self, indicator: Indicator) -> ChartSeries:
        """Plan (reported values and targets) and facts over the years, facts up to the year."""
        facts = dict(self.ev.forecasts[indicator.id].points)
        points = []
        for year in self.plan.years:
            cells = [v for v in indicator.values if v.year == year]
            reported = next((v.value for v in cells if v.phase is Phase.REPORTED), None)
            target = next((v.value for v in cells if v.phase is Phase.PLANNED), None)
            points.append(ChartPoint(year, reported, target, facts.get(year)))
        return ChartSeries(indicator.id, indicator.id, tuple(points))

    def programs(self) -> tuple[ProgramSection, ...]:
        out = []
        for aggregate in self.ev.programs:
            places = [p for p in self.places.values() if p.program == aggregate.code]
            out.append(
                ProgramSection(
                    id=aggregate.id,
                    code=aggregate.code,
                    name=aggregate.name,
                    score=score_of(aggregate),
                    indicators=tuple(self.indicator(p) for p in places),
                )
            )
        return tuple(out)

    def budget(self) -> tuple[BudgetLine, ...]:
        return tuple(_budget_line(b, self.comments) for b in self.ev.budget)

    def risks(self, assessments: Mapping[str, RiskAssessment]) -> tuple[RiskLine, ...]:
        out = []
        for linked in link_risks(self.plan):
            risk = linked.risk
            signals = tuple(_signal(self.indicator(self.places[i])) for i in linked.indicator_ids)
            out.append(
                RiskLine(
                    id=risk.id,
                    number=risk.number,
                    risks=tuple(risk.risks),
                    consequences=tuple(risk.consequences),
                    measures=tuple(risk.measures),
                    line=risk.line,
                    end_line=risk.end_line,
                    links=linked.links,
                    signals=signals,
                    state=risk_state(s.status for s in signals).value,
                    assessment=assessments.get(risk.id),
                )
            )
        return tuple(out)

    def unmatched(self) -> tuple[UnmatchedLine, ...]:
        return tuple(
            UnmatchedLine(fact_sources([u.fact], self.comments)[0], u.fact.indicator_id, u.reason)
            for u in self.ev.unmatched
        )


def _by_id(root: Aggregate) -> dict[str, Aggregate]:
    found = {root.id: root}
    for child in root.children:
        found.update(_by_id(child))
    return found


def _task_cost(costs: dict[str, GoalCost], code: str) -> tuple[Decimal | None, tuple[int, ...]]:
    for goal in costs.values():
        for task in goal.tasks:
            if task.task == code:
                return task.amount, tuple(row.line for row in task.rows)
    return None, ()


_PLANNED_IN = {"form": N_("program form"), "list": N_("list of programs")}


def _budget_line(item: BudgetExecution, comments: Comments) -> BudgetLine:
    planned = item.planned
    source = gettext("not stated in the plan")
    if planned is not None:
        known = _PLANNED_IN.get(planned.where)
        source = gettext('{where}, line {line}: "{text}"').format(
            where=gettext(known) if known else planned.where,
            line=planned.figure.line,
            text=planned.figure.raw,
        )
    actual = item.actual
    return BudgetLine(
        program=item.program,
        name=item.name,
        planned=planned.value if planned else None,
        planned_source=source,
        actual=actual.value if actual else None,
        actual_evidence=evidence(actual),
        actual_facts=fact_sources(actual.facts if actual else (), comments),
        rate=item.rate,
        display_rate=item.display_rate,
        message=item.message,
    )


def _signal(line: IndicatorLine) -> SignalLine:
    return SignalLine(
        line.id, line.name, line.status, line.status_label, line.display_percent, line.forecast
    )


def build_report(
    plan: Plan,
    facts: Iterable[Fact],
    year: int,
    *,
    options: EvaluationOptions | None = None,
    facts_origin: str = "",
    generated_at: dt.datetime | None = None,
    assessments: Mapping[str, RiskAssessment] | None = None,
    signoff: SignOff | None = None,
) -> AnnualReport:
    """The annual implementation report of ``plan`` for ``year`` on ``facts``.

    ``facts`` may be the store's ``Actual`` values (with revisions, who and when) or the
    ``ActualInput`` values of an import file; the comment recorded with a fact is shown as the
    explanation of its indicator's deviation. ``assessments`` are the planners' assessments of
    the risks in force for ``year`` (by risk id), shown with the risk register. ``signoff`` says
    whether the year's figures are approved; without it the report is a draft.
    """
    if not plan.period_start <= year <= plan.period_end:
        raise ValidationError(
            f"year {year} is outside the plan's period: expected {plan.period_start} to "
            f"{plan.period_end}"
        )
    facts = list(facts)
    evaluation = evaluate_year(plan, facts, year, options)
    builder = _Builder(plan, evaluation, comments_of(facts))
    source = plan.source
    return AnnualReport(
        title=plan.title,
        ministry=plan.ministry,
        year=year,
        period_start=plan.period_start,
        period_end=plan.period_end,
        plan_source=f"{source.name} (sha256 {source.sha256[:12]})" if source else None,
        facts_origin=facts_origin or facts_given(len(facts)),
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
        plan_score=score_of(evaluation.plan_score),
        directions=tuple(builder.direction(d) for d in plan.directions),
        programs=builder.programs(),
        budget=builder.budget(),
        risks=builder.risks(assessments or {}),
        risk_rule=gettext(RISK_RULE),
        risk_state_rule=gettext(RISK_STATE_RULE),
        unmatched=builder.unmatched(),
        method=method_notes(options.cap if options is not None else CAP),
        signoff=signoff,
    )
