"""Import of young people and exports for a spreadsheet."""
