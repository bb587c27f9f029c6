"""The team server's own records: accounts and roles, the audit trail, retention, backups."""
