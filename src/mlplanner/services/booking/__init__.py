"""Booking: placing appointments under the rules, their status changes, availability and free slots."""
