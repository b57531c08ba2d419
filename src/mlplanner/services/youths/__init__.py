"""Young people: search, creation with duplicate warning, merge; spreadsheet import and export."""
