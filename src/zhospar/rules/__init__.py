"""Pure rules of the domain: functions of their arguments, no database, no I/O."""
