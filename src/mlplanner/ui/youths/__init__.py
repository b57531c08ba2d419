"""The youth file and the youth picker."""
