"""Petitions (信访, art. 35): letters and visits, acceptance, handling, review; important letters to a leader."""
