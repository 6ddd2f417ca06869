"""Composing: answers + an occasion template + the bank → a ``Draft``.

``answers`` reads and checks what the user asked for; ``templates``, ``template_check`` and
``sandbox`` load and render the occasion templates; ``dated`` knows wording that is out of date
for a meeting's date; ``choose`` picks the bank's material for the draft; ``draft`` lays it out.
Needs ``bank`` and ``reading``, never ``write`` or ``review``.
"""
