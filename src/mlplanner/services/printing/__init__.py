"""Printing use cases: documents built from the site's data, written and audited; .ics export."""
