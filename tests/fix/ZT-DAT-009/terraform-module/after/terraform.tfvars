# Set by the payments team.
rotate_payments = true
