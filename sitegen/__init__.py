"""Site generation: content model, validation and pure render functions for the MkDocs hooks."""
