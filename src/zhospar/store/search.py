"""Search over a plan: its indicators, goals, tasks, programs, risks and legal acts.

Each plan's entries are written once, when the plan is stored (``index_plan``), or the first time
a plan stored before the index existed is searched. A query is answered by the database:

* a code (``G1.1``, ``t1.1.4``, ``P002``) matches the ids it begins, through an index on the
  id in lower case;
* words match the names through the full-text index, each word as a prefix (Kazakh words take
  endings: "жұмыссыз" finds "жұмыссыздық"): FTS5 on SQLite (ranked by bm25), a ``tsvector``
  with a GIN index on PostgreSQL (ranked by ``ts_rank``), both on the casefolded text, so that
  the two databases fold letters alike.

A code match ranks before a word match, an exact id before a longer one; then the full-text
rank, then the plan's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, or_, select, text

from zhospar.model.plan import Plan
from zhospar.model.walk import iter_indicators
from zhospar.store.db import Database
from zhospar.store.schema import PlanRow, SearchEntryRow

__all__ = ["MAX_QUERY", "SearchHit", "index_plan", "search_plan", "search_words"]

MAX_QUERY = 200  # characters of a query looked at; the rest is ignored
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"^[A-Za-z]?\d+(?:[.\-][A-Za-z0-9]+)*[.\-]?$")


@dataclass(frozen=True)
class Entry:
    kind: str
    ref: str
    title: str
    extra: str = ""  # more words found but not shown (a risk's consequences)


@dataclass(frozen=True)
class SearchHit:
    """One thing found: what it is, its id in the plan and its name as published."""

    kind: str
    ref: str
    title: str


def _entries(plan: Plan) -> Iterator[Entry]:
    """What search finds in ``plan``, in the plan's order."""
    for d in plan.directions:
        yield Entry("direction", d.id, d.name)
        for g in d.goals:
            yield Entry("goal", g.id, f"{g.code} {g.name}")
            for t in g.tasks:
                yield Entry("task", t.id, f"{t.code} {t.name}")
    for place in iter_indicators(plan):
        ind = place.indicator
        label = f" ({ind.breakdown})" if ind.breakdown else ""
        yield Entry("indicator", ind.id, f"{ind.name}{label}")
    names = {p.code: p.name for p in plan.budget_programs}
    names.update({f.code: f.name for f in plan.program_forms if f.code not in names})
    for code, name in sorted(names.items()):
        yield Entry("program", f"P{code}", f"{code} {name}")
    for r in plan.risks:
        yield Entry("risk", r.id, " ".join(r.risks), " ".join(r.consequences))
    for a in plan.legal_acts:
        yield Entry("legal-act", a.id, a.title)


def search_words(query: str) -> list[str]:
    """The words of a query (letters and digits), casefolded, at most ``MAX_WORDS``."""
    return [w.casefold() for w in _WORD.findall(query[:MAX_QUERY])][:MAX_WORDS]


def index_plan(conn: Connection, plan_id: int, plan: Plan) -> int:
    """Write the plan's search entries (and, on SQLite, their full-text rows); how many."""
    rows = [
        {
            "plan_id": plan_id,
            "kind": e.kind,
            "ref": e.ref,
            "code_key": e.ref.casefold(),
            "title": e.title,
            "words": " ".join(_all_words(f"{e.ref} {e.title} {e.extra}")),
            "position": n,
        }
        for n, e in enumerate(_entries(plan), start=1)
    ]
    if rows:
        conn.execute(insert(SearchEntryRow), rows)
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "INSERT INTO search_fts(rowid, words) "
                "SELECT id, words FROM search_entries WHERE plan_id = :plan"
            ),
            {"plan": plan_id},
        )
    return len(rows)


def reindex_plan(conn: Connection, plan_id: int, plan: Plan) -> int:
    """Replace a plan's search entries with those of ``plan`` (an amendment changed it)."""
    if conn.dialect.name == "sqlite":  # an external-content FTS5 table forgets rows by 'delete'
        conn.execute(
            text(
                "INSERT INTO search_fts(search_fts, rowid, words) "
                "SELECT 'delete', id, words FROM search_entries WHERE plan_id = :plan"
            ),
            {"plan": plan_id},
        )
    conn.execute(delete(SearchEntryRow).where(SearchEntryRow.plan_id == plan_id))
    return index_plan(conn, plan_id, plan)


def _all_words(value: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(value)]


def _plan_row(db: Database, plan_key: str | None) -> tuple[int, str]:
    key = (plan_key or db.default_plan_key()).partition("@")[0].strip()
    with db.reading() as conn:
        found = conn.execute(select(PlanRow.id).where(PlanRow.key == key)).scalar_one_or_none()
    if found is None:
        db.load_plan(key)  # raises NotFoundError with the plans known
        raise AssertionError("unreachable")  # pragma: no cover
    return int(found), key


def _ensure_indexed(db: Database, plan_id: int, key: str) -> None:
    """Index a plan stored before the index existed (once: the first search does it).

    A stored plan never changes, so once its entries are seen they are not counted again.
    """
    if db._cache.get(("search-indexed", plan_id)):
        return
    with db.reading() as conn:
        count = conn.scalar(select(func.count()).where(SearchEntryRow.plan_id == plan_id))
    if not count:
        plan = db.load_plan(key)

        def work(conn: Connection) -> int:
            again = conn.scalar(select(func.count()).where(SearchEntryRow.plan_id == plan_id))
            return 0 if again else index_plan(conn, plan_id, plan)

        db.write(work, plan_id=plan_id, changes_data=False)
    db._cache[("search-indexed", plan_id)] = True


def _fts_query(words: list[str], dialect: str) -> str:
    """Every word as a prefix: FTS5 ``"word"* AND ...``, PostgreSQL ``word:* & ...``."""
    if dialect == "sqlite":
        return " AND ".join(f'"{w}"*' for w in words)
    return " & ".join(f"{w}:*" for w in words)


def _like_prefix(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


def _code_hits(conn: Connection, plan_id: int, query: str, limit: int) -> list[tuple[int, int]]:
    """(rank, entry id) of the entries whose id begins with ``query``: exact first."""
    code = query.strip().casefold()
    if not _CODE.match(code):
        return []
    # "1.1" is goal 1.1's code: its id is "G1.1" (a task's "T...", a program's "P...")
    codes = [code, *(f"{letter}{code}" for letter in "dgtp")] if code[0].isdigit() else [code]
    found = [SearchEntryRow.code_key.like(_like_prefix(c), escape="\\") for c in codes]
    rows = conn.execute(
        select(SearchEntryRow.id, SearchEntryRow.code_key)
        .where(SearchEntryRow.plan_id == plan_id, or_(*found))
        .order_by(func.length(SearchEntryRow.code_key), SearchEntryRow.position)
        .limit(limit)
    ).all()
    return [(0 if key in codes else 1, int(i)) for i, key in rows]


def _word_hits(
    conn: Connection, plan_id: int, words: list[str], limit: int
) -> list[tuple[float, int]]:
    """(rank, entry id) of the entries holding every word (as a prefix), best first."""
    if not words:
        return []
    query = _fts_query(words, conn.dialect.name)
    if conn.dialect.name == "sqlite":
        sql = (
            "SELECT e.id, bm25(search_fts) AS rank FROM search_fts "
            "JOIN search_entries e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH :q AND e.plan_id = :plan "
            "ORDER BY rank, e.position LIMIT :limit"
        )
    else:
        sql = (
            "SELECT e.id, -ts_rank(e.document, to_tsquery('simple', :q)) AS rank "
            "FROM search_entries e "
            "WHERE e.document @@ to_tsquery('simple', :q) AND e.plan_id = :plan "
            "ORDER BY rank, e.position LIMIT :limit"
        )
    rows = conn.execute(text(sql), {"q": query, "plan": plan_id, "limit": limit}).all()
    return [(float(rank), int(i)) for i, rank in rows]


def search_plan(
    db: Database, plan_key: str | None, query: str, *, limit: int = 50
) -> list[SearchHit]:
    """What ``query`` finds in the plan, best first: by code, then by the words of names."""
    query = query[:MAX_QUERY]
    words = search_words(query)
    if not query.strip():
        return []
    plan_id, key = _plan_row(db, plan_key)
    _ensure_indexed(db, plan_id, key)
    with db.reading() as conn:
        by_code = _code_hits(conn, plan_id, query, limit)
        by_words = _word_hits(conn, plan_id, words, limit)
        order: dict[int, tuple[int, float]] = {}
        for rank, ident in by_code:
            order.setdefault(ident, (rank, 0.0))
        for score, ident in by_words:
            order.setdefault(ident, (2, score))
        wanted = sorted(order, key=lambda i: order[i])[:limit]
        if not wanted:
            return []
        rows = conn.execute(
            select(
                SearchEntryRow.id, SearchEntryRow.kind, SearchEntryRow.ref, SearchEntryRow.title
            ).where(SearchEntryRow.id.in_(wanted))
        ).all()
    found = {int(r.id): SearchHit(r.kind, r.ref, r.title) for r in rows}
    return [found[i] for i in wanted if i in found]
