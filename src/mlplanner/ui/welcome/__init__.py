"""The first start of the app on a workstation: the welcome window and the site-creation wizard."""
