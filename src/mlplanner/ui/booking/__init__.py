"""Booking from the desk: the booking dialog and what can be done to one appointment."""
