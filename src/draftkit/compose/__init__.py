"""Composing: answers + an occasion template + the bank → a ``Draft``.

``answers`` reads and checks what the user asked for; ``templates``, ``template_check`` and
``sandbox`` load and render the occasion templates; ``dated`` knows wording that is out of date
for a meeting's date; ``audience`` puts a sentence in the audience's register. ``material`` ranks
the bank's points for the topic, ``subsections`` plans and realises sub-sections from them,
``leadins`` adds each section's own connecting words, ``loose`` fills what points cannot from
loose sentences (``choose`` draws them), and ``draft`` lays the whole speech out and fits its
length. Needs ``bank`` and ``reading``, never ``write`` or ``review``.
"""
