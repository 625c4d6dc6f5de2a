"""Pure computation: no Django import anywhere below this package (tests enforce it)."""
