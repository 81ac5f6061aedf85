"""Regulations and normative documents (arts. 20-22, 24-25):
drafting, public comment, legality review, deliberation, filing, validity, clean-up, post-evaluation.
"""
