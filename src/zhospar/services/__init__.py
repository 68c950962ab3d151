"""The service layer: what the JSON API, the pages and the CLI ask of the library, written once.

``queries`` answers questions (a year's report, one indicator's years and revisions, the budget
summed up, how the plan's text was read); ``commands`` changes what is recorded (a value typed
into a form or sent as JSON, checked and stored as the configured user); ``context`` holds the
``AppContext`` every request and command works with (the database, the user, the plan);
``sections``, ``risks``, ``search``, ``imports`` and ``overrides`` answer for the plan's texts,
the risk register, search, file imports and overrides. The HTTP glue that pages and API share
(the request's context, error status codes) is in ``http``,
kept apart so that the CLI never imports FastAPI.

Nothing here lays out JSON, HTML or a terminal table: ``zhospar.api``, ``zhospar.web`` and
``zhospar.cli`` do, each from the same answer, so a figure is the same everywhere.
"""

from zhospar.services.context import AppContext

__all__ = ["AppContext"]
