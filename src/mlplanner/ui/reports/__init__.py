"""Reports on screen (« Rapports »: CEJ hours, i-milo re-entry, FSE+ participants, accompanied young people,
timesheets, orientations, follow-ups ending, the CEJ scale and funded operations) and the youth file's CEJ
and follow-up tabs (installed by `ui/reports/install.py`)."""
