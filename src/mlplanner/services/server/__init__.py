"""Server mode: preparing a PostgreSQL database, moving a site file onto it."""
