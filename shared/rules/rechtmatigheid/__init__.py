"""Rechtmatigheidscontrole: which facts in the sources are a signal for a benefit."""
