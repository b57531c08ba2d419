"""The site's reference data: site, rooms, staff, appointment types, preferences."""
