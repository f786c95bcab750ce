"""Reports a unit files with the county (pure computation over the registry's schedule views)."""
