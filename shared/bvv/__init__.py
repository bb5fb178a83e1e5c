"""The beslagvrije-voet service: gathering inputs, calculating, storing, recalculating."""
