"""Site administration pages: audit log, backups, RGPD tools."""
