"""The shared language floor: what several stages read.

Outlets and their perspective, entity resources, the gazetteer, quantities, the calendar, one
data-file reader and one pattern compiler. Nothing here imports a stage.
"""
