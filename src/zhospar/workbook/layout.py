"""The plan workbook's layout: its sheets, their columns and the lists a column takes its values
from. The writer, the reader, the template and ``docs/workbook.md`` all follow this one table.

A column's ``kind`` says what a cell holds: ``text``, ``int`` (a whole number), ``number`` (a
decimal), ``bool`` (TRUE/FALSE), ``years`` (whole numbers separated by commas), ``date``
(2010-05-14), or ``list:NAME`` (one of the words of list NAME, e.g. ``list:phase``).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhospar.model.plan import ExpenditureKind, IndicatorSection, Phase, ProgramIndicatorKind
from zhospar.model.plan import ProgramType as _ProgramType

__all__ = ["LISTS", "SHEETS", "Column", "SheetLayout", "sheet_layout"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple[Column, ...]
    help: str

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


LISTS: dict[str, list[str]] = {
    "phase": [p.value for p in Phase],
    "section": [s.value for s in IndicatorSection],
    "kind": [k.value for k in ProgramIndicatorKind],
    "expenditure": [k.value for k in ExpenditureKind],
    "program_type": [t.value for t in _ProgramType],
    "act_role": ["approved", "amended"],
    "table": ["program", "form", "allocation", "total"],
}
"""Fixed lists; units are the plan's own (the ``Units`` sheet), in the plan's language."""

_LINE = Column("source_line", "int", help="line of the published text; blank: this row")
_END = Column("end_line", "int", help="last line of the text it spans; blank: source_line")
_SOURCE = Column("source", help="where the value comes from; blank: this sheet and row")
_DELETED = (
    Column("deleted_by", help="number of the act that deleted it (see Acts); blank: in force"),
    Column("deleted_act_line", "int", help="line naming that act"),
    Column("deleted_line", "int", help='line of "deleted" (Алынып тасталды)'),
)


def _sheet(name: str, help: str, *columns: Column) -> SheetLayout:
    return SheetLayout(name, columns, help)


SHEETS: tuple[SheetLayout, ...] = (
    _sheet(
        "Plan",
        "One row per field: title, ministry (state body), period_start, period_end, "
        "reported_years, mission, vision, analysis, functional_capabilities, "
        "organisational_structure; source_name, source_sha256, source_lines name the published "
        "text the plan was read from (blank for a plan typed in here).",
        Column("field", required=True),
        Column("value"),
    ),
    _sheet(
        "Acts",
        "The act that approved the plan (role approved, one row) and the acts that amended it.",
        Column("role", "list:act_role", True),
        Column("number", required=True),
        Column("date", "date"),
        Column("kind", help="resolution, order, ...; blank: resolution"),
        _LINE,
    ),
    _sheet(
        "Directions",
        "Strategic directions (стратегиялық бағыт / стратегическое направление).",
        Column("id", required=True, help="D1, D2, ..."),
        Column("number", "int", True),
        Column("name", required=True),
        _LINE,
    ),
    _sheet(
        "Goals",
        "Goals (мақсат / цель) of each direction.",
        Column("id", required=True, help="G1.1"),
        Column("direction", "int", True, "the direction's number"),
        Column("code", required=True, help="1.1"),
        Column("name", required=True),
        Column("only_in_alignment", "bool"),
        _LINE,
    ),
    _sheet(
        "Tasks",
        "Tasks (міндет / задача) of each goal.",
        Column("id", required=True, help="T1.1.1"),
        Column("goal", required=True, help="the goal's code, 1.1"),
        Column("code", required=True, help="1.1.1"),
        Column("name"),
        Column("co_executors", help="one body per line"),
        _LINE,
    ),
    _sheet(
        "Indicators",
        "Every indicator: a goal's target indicators (section target, of = goal code), a "
        "task's (task, of = task code) and a budget program form's (program, of = program "
        "code, or CODE/BLOCK for a form with several blocks). A breakdown row (e.g. women) "
        "names its indicator in breakdown_of.",
        Column("id", required=True, help="G1.1-I1, T1.1.1-I1, P002-E1, G1.1-I1-b1"),
        Column("section", "list:section", True),
        Column("of", required=True),
        Column("breakdown_of", help="id of the indicator this row breaks down"),
        Column("number", help="the item label as printed: 1., а)"),
        Column("name", required=True),
        Column("unit", "list:unit", help="a unit of the Units sheet"),
        Column("breakdown", help="label of a breakdown row: әйелдер"),
        Column("kind", "list:kind", help="program indicators: quantitative, quality, ..."),
        *_DELETED,
        _LINE,
    ),
    _sheet(
        "Values",
        "One row per indicator and year: reported values (before the plan) and planned "
        "values (targets). A cell without a number (-, X) leaves value blank and keeps raw.",
        Column("indicator", required=True),
        Column("year", "int", True),
        Column("phase", "list:phase", True),
        Column("value", "number"),
        Column("raw", help="the cell as printed; blank: the value"),
        Column("note", help="e.g. нақты / факт, жоспар / план"),
        _LINE,
        _SOURCE,
    ),
    _sheet(
        "Milestones",
        "Milestones of each task, with their due years.",
        Column("id", required=True, help="T2.1.1-M1"),
        Column("task", required=True, help="the task's code"),
        Column("name", required=True),
        Column("due_years", "years", help="2011, 2012"),
        *_DELETED,
        _LINE,
    ),
    _sheet(
        "Programs",
        "The list of budget programs.",
        Column("id", required=True, help="P002"),
        Column("code", required=True, help="002"),
        Column("name", required=True),
        Column("type", "list:program_type", True),
        Column("proposed", "bool"),
        Column("functional_group"),
        Column("functional_subgroup"),
        _LINE,
    ),
    _sheet(
        "Forms",
        "The form of each budget program.",
        Column("id", required=True),
        Column("code", required=True),
        Column("name", required=True),
        Column("administrator"),
        Column("description"),
        _LINE,
        _END,
    ),
    _sheet(
        "Form blocks",
        "The blocks of a form (most forms have one, block 1): the directions, goals and tasks "
        "it serves; its indicators are in Indicators.",
        Column("form", required=True, help="the program code"),
        Column("block", "int", True),
        Column("title"),
        Column("directions", "years", help="direction numbers: 1, 2"),
        Column("goals", help="goal codes: 1.1, 1.2"),
        Column("tasks", help="task codes: 1.1.1, 1.1.2"),
        Column("directions_text"),
        Column("goals_text"),
        Column("tasks_text"),
        _LINE,
    ),
    _sheet(
        "Expenditure",
        "Money (thousand tenge) by year: of a program in the list (table program), of a "
        "program's form (form), of an allocation row (allocation) or a plan total (total).",
        Column("table", "list:table", True),
        Column("of", required=True, help="P002, X12 or S1"),
        Column("year", "int", True),
        Column("kind", "list:expenditure", True),
        Column("value", "number"),
        Column("raw"),
        Column("inferred", "bool"),
        _LINE,
        _SOURCE,
    ),
    _sheet(
        "Allocation",
        "The appendix allocating expenditure to directions, goals and tasks.",
        Column("id", required=True, help="X1"),
        Column("direction", "int"),
        Column("goal"),
        Column("task"),
        Column("program"),
        Column("subprograms", help="100, 101"),
        Column("reference"),
        Column("label"),
        Column("is_goal_total", "bool"),
        _LINE,
    ),
    _sheet(
        "Totals",
        "Totals the plan states itself.",
        Column("id", required=True, help="S1"),
        Column("label", required=True),
        Column("programs", help="program codes it covers: 001, 002"),
        _LINE,
    ),
    _sheet(
        "Risks",
        "Risk management (қатер менеджменті / управление рисками): one line per risk, "
        "consequence or measure within a cell.",
        Column("id", required=True, help="R1"),
        Column("number", "int", True),
        Column("risks"),
        Column("consequences"),
        Column("measures"),
        _LINE,
        _END,
    ),
    _sheet(
        "Legal acts",
        "The legal acts the plan rests on.",
        Column("id", required=True, help="L1"),
        Column("number", "int", True),
        Column("title", required=True),
        _LINE,
        _END,
    ),
    _sheet(
        "Alignment",
        "Each goal against the state strategic goal it serves.",
        Column("id", required=True),
        Column("direction", "int"),
        Column("direction_name"),
        Column("goal"),
        Column("goal_name"),
        Column("state_goal", required=True),
        Column("source_document"),
        _LINE,
    ),
    _sheet(
        "Prose",
        "The prose sections paragraph by paragraph (mission, vision, analysis, "
        "functional-capabilities); a section without paragraphs has one row with text blank.",
        Column("section", required=True),
        Column("heading"),
        Column("heading_line", "int"),
        Column("text"),
        _LINE,
        _END,
    ),
    _sheet(
        "Gaps",
        "Parts the plan's structure requires that its text does not hold.",
        Column("where", required=True),
        Column("what", required=True),
        Column("source_line", "int"),
    ),
    _sheet(
        "Units",
        "Every unit the plan's indicators use, in the plan's language (%, адам, мың теңге).",
        Column("unit", required=True),
    ),
)

PLAN_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("title", "text", True),
    ("ministry", "text", False),
    ("period_start", "int", True),
    ("period_end", "int", True),
    ("reported_years", "years", False),
    ("mission", "text", False),
    ("vision", "text", False),
    ("analysis", "text", False),
    ("functional_capabilities", "text", False),
    ("organisational_structure", "text", False),
    ("source_name", "text", False),
    ("source_sha256", "text", False),
    ("source_lines", "int", False),
)


def sheet_layout(name: str) -> SheetLayout:
    return next(s for s in SHEETS if s.name == name)


def layout_markdown() -> str:
    """Every sheet and column as Markdown tables: the reference part of ``docs/workbook.md``."""
    parts = []
    for layout in SHEETS:
        lines = [f"### {layout.name}", "", layout.help, ""]
        lines += ["| column | holds | required | meaning |", "| --- | --- | --- | --- |"]
        for c in layout.columns:
            need = "yes" if c.required else ""
            lines.append(f"| `{c.name}` | {c.kind} | {need} | {c.help} |")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
