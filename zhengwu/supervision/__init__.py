"""Supervision (督查督办, arts. 26, 36, 54, 63):
items with lead and co-units, progress reports, verification, rectification, circulars;
the platform-wide compliance view.
"""
