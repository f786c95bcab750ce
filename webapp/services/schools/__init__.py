"""School-entry checks: catch-up referrals, rosters, reports, registers and exports."""
