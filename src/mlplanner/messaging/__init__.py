"""Transport of messages to young people: SMTP (with STARTTLS or TLS), the SMS provider's e-mail-to-SMS
address on the same relay, the provider's HTTP API, and CSV batches for its upload page.

No SQL and no Qt here: a transport receives a plain `Outgoing` message and says what became of it. The
outbox (`services.reminders`) decides what to send and records the outcome.
"""
