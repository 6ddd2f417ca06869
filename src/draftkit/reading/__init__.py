"""Reading: a folder of files → classified speeches.

Takes paths (.txt in any encoding, .docx, .md); gives ``Speech`` records whose sections carry a
role (回顾, 认识, 要求, 保障) and whose flags say whether the text can be trusted. Modules run in
this order: ``corpus`` (find and decode), ``clean`` (script, noise, layout), ``parse``
(speeches, headings, paragraphs), ``classify`` (roles), ``gate`` (shuffled, spun, cut off);
``names`` finds source names; ``understand`` chains them. ``parse`` reads the title block and
closing with ``frame``, numbers with ``numbering``, and words and sentences with ``segment``.
Needs only the shared modules.
"""
