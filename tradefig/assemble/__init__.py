"""Assembly: link the mentions of a sentence (and its context) into SPEC observations."""
