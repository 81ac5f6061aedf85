"""Issued documents laid out per GB/T 9704-2012, as PDF (WeasyPrint) and DOCX (python-docx).

Pure of the database: build a :class:`Layout` from plain values and call :func:`render_pdf` or
:func:`render_docx`.  See :mod:`.gbt9704` for the geometry and the font substitution.
"""

from zhengwu.documents.render.docx import NOTO_FONTS, OFFICIAL_FONTS, DocxFonts, render_docx
from zhengwu.documents.render.gbt9704 import Layout, Paragraph, format_date, heading_level, render_pdf

__all__ = [
    "NOTO_FONTS",
    "OFFICIAL_FONTS",
    "DocxFonts",
    "Layout",
    "Paragraph",
    "format_date",
    "heading_level",
    "render_docx",
    "render_pdf",
]
