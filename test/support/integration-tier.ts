// Integration tier: the same tier specs against MariaDB and NATS, plus the multi-process cluster specs.
process.env.IHUB_TEST_TIER = 'integration';
process.env.IHUB_TEST_DATABASE ??= 'mysql://root@127.0.0.1:3306/test';
process.env.IHUB_TEST_TRANSPORTER ??= 'nats://127.0.0.1:4222';
