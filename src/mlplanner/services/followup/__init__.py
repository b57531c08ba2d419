"""Following young people up: portfolio, youth file, attendance, CEJ hours."""
