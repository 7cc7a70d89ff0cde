"""The error of a document that could not be made, in a module of its own: the web layer
registers its handler when the application starts, and importing this costs nothing, while
app.documents.pdf (WeasyPrint, a second of CPU) is imported only where a document is made."""
from __future__ import annotations


class RenderError(RuntimeError):
    """WeasyPrint could not produce the document."""
