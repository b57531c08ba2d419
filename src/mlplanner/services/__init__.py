"""Use cases. Each public method is one user action: keyword-only arguments, one transaction,
a frozen result. The GUI, the CLI and the tests call these and nothing below them."""
