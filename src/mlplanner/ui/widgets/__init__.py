"""Small reusable widgets and models that know nothing of the domain."""
