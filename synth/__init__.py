"""A synthetic Netherlands: source files and municipal delivery files, from a seed.

Nothing here is real: the people, BSNs, accounts and vehicles are generated. The same seed
and size always give the same files, byte for byte.
"""
