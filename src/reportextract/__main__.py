from reportextract.cli import main

main()
