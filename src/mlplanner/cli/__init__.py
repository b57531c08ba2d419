"""Headless command line: the same services as the GUI, with `--db` and `--json` everywhere."""
