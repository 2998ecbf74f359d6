"""Tables printed as pictures inside text documents.

Offices paste the template's tables as pictures — a screenshot inside the Word file, an
``<img>`` in the web page, an image on an otherwise text PDF page — while the running
text stays text. Each reader finds the pictures where a table may be and sends them
through the scans' path (`readers.ocr`: rules → cells → OCR per cell → a `Grid` with
confidences; digit repair by the template's arithmetic comes later, as for scans).

- `placement.py` (pdfium only): where a PDF page places its pictures, and which of them
  are worth a look (big enough, not under the page's own text or ruled tables).
- `screen.py` + `read.py` (the ``ocr`` extra): a picture is read only when it looks like
  print on paper and its rules form a table; a logo, a QR code, a photo or a seal is
  passed over before any text recognition.
- `files.py`: a picture file a document refers to (beside a web page, in a fetched
  corpus, a ``data:`` URI), decoded under size caps.
"""

from .files import PictureError, PictureFiles, PictureRef
from .placement import picture_candidates

__all__ = ["PictureError", "PictureFiles", "PictureRef", "picture_candidates"]
