"""The child registry: merging duplicate children, the potential-duplicate list."""
