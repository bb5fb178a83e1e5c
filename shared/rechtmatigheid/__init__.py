"""Rechtmatigheidscontrole (samenloop): a gemeente's benefit recipients against the sources."""
