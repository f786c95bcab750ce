"""Accounts: users, passwords, device tokens and device health."""
