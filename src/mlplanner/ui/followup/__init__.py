"""A counsellor's pages: my day and the portfolio."""
