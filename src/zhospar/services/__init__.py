"""What the pages and the JSON API ask of the library, answered once for both.

Each module answers one kind of question (the plan's sections, the risk register, search), so
that a page and its API route show the same figures from the same function.
"""
