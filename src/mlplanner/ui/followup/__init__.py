"""A counsellor's pages: my day and the portfolio (and the installer of the follow-up pages)."""
