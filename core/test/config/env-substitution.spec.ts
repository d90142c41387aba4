import { strict as assert } from 'node:assert';
import { substituteEnv } from '../../src/config/env-substitution';

describe('env substitution', () => {
  const env = { SNOW_PASSWORD: 'pa55', HOST: 'snow.example.com', EMPTY: '' };

  it('replaces ${NAME} in every string scalar, nested in maps and lists', () => {
    const { value, problems } = substituteEnv({ auth: { password: '${SNOW_PASSWORD}' }, urls: ['https://${HOST}/api'] }, env);
    assert.deepEqual(value, { auth: { password: 'pa55' }, urls: ['https://snow.example.com/api'] });
    assert.deepEqual(problems, []);
  });

  it('uses the default of ${NAME:-default} when the variable is unset or empty, as a shell does', () => {
    const { value } = substituteEnv(['${NOPE:-./examples}', '${EMPTY:-fallback}', '${HOST:-x}', '${NOPE:-}'], env);
    assert.deepEqual(value, ['./examples', 'fallback', 'snow.example.com', '']);
  });

  it('uses an empty variable as is when there is no default', () => {
    assert.deepEqual(substituteEnv({ a: '${EMPTY}' }, env).value, { a: '' });
  });

  it('reports each missing variable at the path of its scalar and keeps the scalar as written', () => {
    const { value, problems } = substituteEnv({ integrations: [{ auth: { password: '${SNOW_PASSWORD}:${TOKEN}:${SECRET}' } }] }, env);
    assert.deepEqual(value, { integrations: [{ auth: { password: '${SNOW_PASSWORD}:${TOKEN}:${SECRET}' } }] });
    assert.deepEqual(problems, [
      { path: ['integrations', 0, 'auth', 'password'], message: 'missing environment variable TOKEN' },
      { path: ['integrations', 0, 'auth', 'password'], message: 'missing environment variable SECRET' },
    ]);
  });

  it('leaves $${...} as a literal ${...}, map keys, non-strings and other dollar signs alone', () => {
    const { value, problems } = substituteEnv({ '${HOST}': '$${HOST}', n: 5, ok: true, none: null, jsonata: "$sum(price) & ${'a': 1}" }, env);
    assert.deepEqual(value, { '${HOST}': '${HOST}', n: 5, ok: true, none: null, jsonata: "$sum(price) & ${'a': 1}" });
    assert.deepEqual(problems, []);
  });
});
