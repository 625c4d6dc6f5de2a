"""The national enterprise universe (全国企业库): Parquet files queried with DuckDB, never the Django DB."""
