"""The casualties stage's home: killed, injured, missing and captured figures, each linked to its event.

Figures are read in the same pass as events (``stages.events.stage.Events`` assigns both):
each toll links to the event it reports, and a toll with no reported event gets an implicit
event of the harm itself. The figure grammar is ``figures.py`` here; numbers and vague
quantities come from the shared floor (``conflictlens.lang.quantities``).
"""

