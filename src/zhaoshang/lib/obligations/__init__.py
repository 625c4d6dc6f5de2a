"""One engine for dated obligations after signing (DESIGN.md "Supervision after signing"): the state
machines of 督办 (supervision items) and 诉求 (firms' requests), their time limits in working days and the
escalation ladder, all read from a versioned rule pack. No Django: the apps call it with plain values and a
controlled clock (`today` is always passed in)."""
