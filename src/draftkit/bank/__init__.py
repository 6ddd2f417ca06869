"""The bank: classified speeches → the phrase bank and its indexes.

Takes ``Speech`` records from ``reading``; gives a ``Bank`` of reusable entries written as YAML
(``store``), and the 查重 index of the source paragraphs (``overlap``, stored by ``sources``).
``stats`` counts a corpus's words, ``mine`` mines each speech (its phrases from ``candidates``,
made reusable by ``slots``), ``merge`` merges them into entries, and ``build`` runs the two mining
passes over a corpus and writes the result.
"""
