// Fast tier: SQLite (in a temp file per test) and Moleculer's in-process transporter.
process.env.IHUB_TEST_TIER = 'fast';
