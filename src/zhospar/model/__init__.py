"""The domain model of a strategic plan (see ``plan.py`` for the ids)."""

from zhospar.model.plan import *  # noqa: F403
from zhospar.model.plan import __all__ as _plan_all
from zhospar.model.walk import IndicatorPlace, find_indicator, iter_indicators

__all__ = [*_plan_all, "IndicatorPlace", "find_indicator", "iter_indicators"]
