"""Every table module, imported: the whole schema on `SQLModel.metadata`.

The app imports each table module where it is used (the start does not load the sync's or the
messages' tables before the day is shown, issue 19; nor does creating or migrating a file, whose
revisions say their own tables), so the metadata holds only what has been imported so far. What
needs the whole schema imports this module: the test that compares the migrations with the models."""

from mlplanner.storage import (  # noqa: F401  (imported for their tables)
    followup_tables,
    message_tables,
    reception_tables,
    sync_tables,
    tables,
    workshop_tables,
)
