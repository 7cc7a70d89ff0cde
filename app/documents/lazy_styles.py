"""The styles of pseudo-elements that a document may never draw, computed when first asked for.

WeasyPrint (70) computes, while it applies the CSS, a style for every pseudo-element that a
rule of any stylesheet matches. Its own user-agent stylesheet has rules for `::marker`,
`::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker` and `::note-callback`
that match every element, so each element of a document gets six such styles (and each one
its `anchor` property worked out), although a marker is drawn only for a list item and the
others only for a footnote or a note. In the list of participants at 2,000 delegates that is
60,000 of its 64,500 styles: about a tenth of the whole rendering.

`install()` wraps `StyleFor.set_computed_styles` so that, for those six pseudo-elements, it
keeps the arguments and the element's cascaded declarations instead, and `StyleFor.__call__`
(which the box builder calls for a list item's marker or a footnote's call) so that it
computes the style then, exactly as it would have been computed before: same declarations,
same parent style (a `ComputedStyle` reads its parent when a property is asked for, in both
cases). The PDFs are the same, byte for byte (tests/test_lazy_styles.py compares them).
Pinned to the WeasyPrint version of text_layer.py, like the other wrappers of this package.
"""
from __future__ import annotations

from weasyprint.css import StyleFor

from app.documents.text_layer import require_supported

#: The pseudo-elements that WeasyPrint's user-agent rules give every element, and that are
#: drawn only for a list item (marker), a footnote (footnote-*) or a note (note-*).
LAZY = frozenset({"marker", "footnote-call", "footnote-marker", "note-call", "note-marker",
                  "note-callback"})

_ORIGINAL_SET = StyleFor.set_computed_styles
_ORIGINAL_CALL = StyleFor.__call__
_installed = False


def _set_computed_styles(self, element, parent, root=None, pseudo_type=None, base_url=None,
                         target_collector=None):
    if pseudo_type in LAZY:
        # The element's declarations for it are kept: StyleFor empties its cascade when done.
        self.__dict__.setdefault("_deferred", {})[element, pseudo_type] = (
            self.get_cascaded_styles().get((element, pseudo_type)), parent, root, base_url,
            target_collector)
        return None
    return _ORIGINAL_SET(self, element, parent, root, pseudo_type, base_url, target_collector)


def _style_for(self, element, pseudo_type=None):
    if pseudo_type in LAZY:
        deferred = self.__dict__.get("_deferred", {}).pop((element, pseudo_type), None)
        if deferred is not None:
            cascaded, parent, root, base_url, target_collector = deferred
            key = (element, pseudo_type)
            cascade = self.get_cascaded_styles()
            cascade[key] = cascaded  # for the moment of the computation, as it was
            try:
                _ORIGINAL_SET(self, element, parent, root, pseudo_type, base_url,
                              target_collector)
            finally:
                del cascade[key]
    return _ORIGINAL_CALL(self, element, pseudo_type)


def install() -> None:
    """Put the two wrappers in place (once); refuses a WeasyPrint they were not written for."""
    global _installed
    if _installed:
        return
    require_supported("app/documents/lazy_styles.py",
                      "check StyleFor.__init__ and __call__, then adapt it")
    StyleFor.set_computed_styles = _set_computed_styles
    StyleFor.__call__ = _style_for
    _installed = True


def uninstall() -> None:
    """WeasyPrint's own functions back (tests compare the two)."""
    global _installed
    StyleFor.set_computed_styles = _ORIGINAL_SET
    StyleFor.__call__ = _ORIGINAL_CALL
    _installed = False
