"""Messages to young people (confirmations, reminders, notices): pure rules, no storage, no network."""
