"""RGPD: retention, erasure, right of access, and scrubbing every copy of personal data."""
