"""Pure business rules: stdlib only (plus `holidays` and `dateutil`), no Qt, no SQL."""
