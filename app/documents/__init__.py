"""PDF rendering with WeasyPrint, cached by the content it comes from."""
