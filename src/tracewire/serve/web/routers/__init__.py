"""REST API routers, one per resource, all read-only (GET)."""
