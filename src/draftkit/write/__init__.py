"""Writing: a ``Draft`` → a file the user opens.

``text`` writes .txt and .md and chooses the writer by suffix; ``docx`` and ``docx_format``
write the GB/T 9704 .docx from a format ``profiles`` entry; ``render`` turns a .docx into PDF
with LibreOffice. Needs only the shared modules: nothing from the bank or the composer.
"""
