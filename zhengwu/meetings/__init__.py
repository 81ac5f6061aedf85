"""Meetings (arts. 24-25, 28, 37-47):
meeting types, agenda topics, attendance, minutes, decisions and their follow-ups, prefecture-wide meeting requests.
"""
