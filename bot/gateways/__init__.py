"""SMS and e-mail adapters. The defaults log to the console; the outbox keeps every message."""
