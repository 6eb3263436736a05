"""Framing: how an outlet and a side word the conflict.

- ``lexicon``: loaded terms and contested names (data files, labelled with the side using them);
- ``techniques``: propaganda technique spans (rules and a small shipped model);
- ``profiles``: per outlet and per side comparisons over stored articles.
"""
