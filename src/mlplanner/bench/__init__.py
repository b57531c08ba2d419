"""The benchmark of a large site (issue 7): `python -m mlplanner.bench [--size small|large] [--json FILE]`.

`generate` builds the site (bulk Core inserts), `ops`, `pdf_ops`, `sync_ops` and `startup` time the
operations against their budgets and floors, `report` prints the table.
"""
