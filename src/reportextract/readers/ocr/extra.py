"""What reading by OCR needs installed (importable without it, to say so)."""

INSTALL_HINT = "pip install 'reportextract[ocr]' (rapidocr, onnxruntime, opencv-python-headless)"
