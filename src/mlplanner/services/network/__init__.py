"""The network of sites: founding it, joining it, accepting a new site, and what it shares."""
