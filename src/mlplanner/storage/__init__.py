"""Persistence: SQLModel tables, engine and sessions, Alembic migrations. Portable SQLAlchemy only."""
