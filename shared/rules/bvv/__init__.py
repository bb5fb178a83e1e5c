"""Beslagvrije voet: Rv art. 475c–475fa as in force since 1 January 2021."""
