"""What reference managers and search engines read of a record: unAPI, COinS, schema.org, DC."""
