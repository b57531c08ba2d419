"""Workshops (ateliers): series, sessions, registrations, attendance, clashes and edits."""
