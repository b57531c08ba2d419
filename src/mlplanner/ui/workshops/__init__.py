"""Workshop screens: calendar (week / month), session roster with attendance, series creation, edits,
statistics (installed by `ui/workshops/install.py`)."""
