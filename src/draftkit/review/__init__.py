"""Review: any draft (.docx, .md, .txt) → findings a reviewer would mark.

``check`` reads the draft and reports; ``rules`` are the checks on its text (placeholders, dated
wording, source names, repetition, numbering, length, 查重); ``coherence`` reads it as one
argument (back-references, near-duplicates, sub-sections off their heading, years against the
date, instructions against the audience) with its data from ``coherence_data``; ``docx_rules``
checks a .docx against the GB/T 9704 format. Reads with ``reading``, compares with ``bank`` and
``compose.dated``.
"""
