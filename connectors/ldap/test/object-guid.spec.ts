import assert from 'node:assert/strict';
import { guidToBytes, guidToString } from '../src/object-guid';

describe('objectGUID rendering', () => {
  // An AD object's GUID as LDIF carries it (base64), its bytes, and the form AD tools show.
  const base64 = 'MsNKjF+XF0ete7pKTpaP/w==';
  const bytes = Buffer.from('32c34a8c5f971747ad7bba4a4e968fff', 'hex');
  const shown = '8c4ac332-975f-4717-ad7b-ba4a4e968fff';

  it('renders AD bytes in AD string form, the first three groups byte-reversed and the rest in order', () => {
    assert.deepEqual(Buffer.from(base64, 'base64'), bytes);
    assert.equal(guidToString(bytes), shown);
  });

  it('renders the MS-DTYP layout example 00112233-4455-6677-8899-aabbccddeeff from its packet bytes', () => {
    assert.equal(guidToString(Buffer.from('33221100554477668899aabbccddeeff', 'hex')), '00112233-4455-6677-8899-aabbccddeeff');
  });

  it('turns the string form back into the bytes, with or without braces and in any case', () => {
    assert.deepEqual(guidToBytes(shown), bytes);
    assert.deepEqual(guidToBytes(`{${shown.toUpperCase()}}`), bytes);
  });

  it('refuses bytes that are not 16 long and strings that are not GUIDs', () => {
    assert.equal(guidToString(bytes.subarray(0, 15)), null);
    assert.equal(guidToString(Buffer.concat([bytes, Buffer.from([0])])), null);
    assert.equal(guidToBytes('8c4ac332-975f-4717-ad7b-ba4a4e968ff'), null);
    assert.equal(guidToBytes('8c4ac332975f4717ad7bba4a4e968fff'), null);
    assert.equal(guidToBytes('8c4ac332-975f-4717-ad7b-ba4a4e968ffg'), null);
  });
});
