import assert from 'node:assert/strict';
import jsonata from 'jsonata';
import { FieldMapper } from '../../src/sync/field-mapper';

describe('field mapper', () => {
  it('gives the same result as evaluating every field with JSONata, in mapping order', async () => {
    const mapping = { id: '$recordId', email: '$lowercase(email)', dept: 'department', tags: 'tags', nested: 'address.city', missing: 'nope', full: "first & ' ' & last" };
    const data = { email: 'A@B.C', department: 'R&D', tags: ['x'], address: { city: 'Oslo' }, first: 'Ada', last: 'L' };
    const mapped = await FieldMapper.compile(mapping).apply(data, { recordId: 'r-1' });
    const reference = await jsonata(`{${Object.entries(mapping).map(([k, v]) => `"${k}": (${v})`).join(', ')}}`).evaluate(data, { recordId: 'r-1' });
    assert.deepEqual(JSON.parse(JSON.stringify(mapped)), JSON.parse(JSON.stringify(reference)));
    assert.deepEqual(Object.keys(mapped), ['id', 'email', 'dept', 'tags', 'nested', 'full']);
  });

  it('passes data through unchanged without a mapping', async () => {
    const data = { a: 1 };
    assert.equal(await FieldMapper.compile(undefined).apply(data), data);
  });

  it('rejects invalid JSONata at compile time with IHUB_MAPPING_INVALID', () => {
    assert.throws(() => FieldMapper.compile({ a: 'first &' }, 'flow x mapping'), { code: 'IHUB_MAPPING_INVALID', message: /flow x mapping: invalid JSONata/ });
  });

  it('fails one record with IHUB_RECORD_INVALID when an expression raises an error', async () => {
    const mapper = FieldMapper.compile({ n: "$number(n) > 0 ? $number(n) : $error('n must be positive')" });
    assert.deepEqual(await mapper.apply({ n: '3' }), { n: 3 });
    await assert.rejects(mapper.apply({ n: '-1' }), { code: 'IHUB_RECORD_INVALID', message: /n must be positive/ });
  });
});
