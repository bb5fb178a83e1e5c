"""Residents' access requests (AVG art. 15): the operators' workflow and the answer."""
