"""draftkit."""
