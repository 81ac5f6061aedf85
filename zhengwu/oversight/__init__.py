"""Administrative reconsideration, suits, audit and inspection findings (arts. 32, 33)."""
