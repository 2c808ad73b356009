# Set by the payments team.
rotate_payments = false
