"""Text intake: decode bytes, clean the text while keeping a map back to the original, split
sentences and find the document date. Everything downstream reads ``Document``."""
