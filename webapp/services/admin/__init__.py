"""Administration: the organisation, its import, admin list queries and the audit log."""
