"""From the published text of a plan to the model: ``read_plan`` is the entry point."""

from zhospar.ingest.reader import ReadResult, bundled_plan_path, read_plan, read_plan_text
from zhospar.ingest.report import LineNote, LineStatus, ReadingReport

__all__ = [
    "LineNote",
    "LineStatus",
    "ReadResult",
    "ReadingReport",
    "bundled_plan_path",
    "read_plan",
    "read_plan_text",
]
