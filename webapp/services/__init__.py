"""Business logic: verb_noun functions that flush and never commit; the caller commits once."""
