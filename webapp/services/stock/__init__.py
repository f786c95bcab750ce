"""Vaccine stock, the cold chain and 留观: what a unit records every day besides the encounter."""
