"""A site's schedule (day and week, by person or by room): one read model for the screen and for paper."""
