"""Figures for funders and the site lead: activity statistics."""
