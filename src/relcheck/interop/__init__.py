"""Getting data in and out in other tools' formats: the call plan as
iCalendar (SPEC 7); logging calls and CRM imports (SPEC 8)."""
