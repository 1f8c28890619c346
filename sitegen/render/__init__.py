"""Pure render functions: validated content in, Markdown out. No I/O beyond reading templates."""
