"""The bank: classified speeches → the phrase bank and its indexes.

Takes ``Speech`` records from ``reading``; gives a ``Bank`` of reusable entries written as YAML
(``store``), and the 查重 index of the source paragraphs (``overlap``). ``mine`` finds the
entries, ``build`` runs the two mining passes over a corpus and writes the result.
"""
