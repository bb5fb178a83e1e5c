"""Pure calculations over typed inputs and dated parameters, each with its legal source."""
