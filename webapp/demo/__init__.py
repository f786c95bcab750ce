"""Demo county seeding (seed-demo, tests and benches only): organisation, accounts and a year of records."""
