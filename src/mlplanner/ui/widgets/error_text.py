"""How a refusal reads under a form's fields: one red shared by the login, the youth picker, the booking
and the workshop dialogs (a module of its own, so the login does not import the youth search)."""

ERROR_STYLE = "color: #a31515;"
