"""PlanWatch: make, monitor and report on a Police and Crime Plan."""
