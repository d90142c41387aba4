import { strict as assert } from 'node:assert';
import { YamlSource } from '../../src/config/yaml-source';

const text = [
  'tenant: default', // 1
  'flows:', // 2
  '  - name: a', // 3
  '    mapping:', // 4
  '      full name: |', // 5
  '        first & last', // 6
  '    targets:', // 7
  '      - integration: x', // 8
  '        entity: people', // 9
  '  - &second', // 10
  '    name: b', // 11
  '', // 12
].join('\n');

describe('YAML source positions', () => {
  const source = YamlSource.parse(text);

  it('gives the 1-based line of the key of a map entry, also for block values', () => {
    assert.equal(source.lineOf(['tenant']), 1);
    assert.equal(source.lineOf(['flows', 0, 'mapping']), 4);
    assert.equal(source.lineOf(['flows', 0, 'mapping', 'full name']), 5);
    assert.equal(source.lineOf(['flows', 0, 'targets', 0, 'entity']), 9);
  });

  it('gives the line of a sequence item', () => {
    assert.equal(source.lineOf(['flows', 0]), 3);
    assert.equal(source.lineOf(['flows', 0, 'targets', 0]), 8);
    assert.equal(source.lineOf(['flows', 1, 'name']), 11);
  });

  it('falls back to the nearest existing ancestor for a missing node', () => {
    assert.equal(source.lineOf(['flows', 0, 'source', 'integration']), 3);
    assert.equal(source.lineOf(['flows', 0, 'targets', 3]), 7);
    assert.equal(source.lineOf(['nothing']), 1);
  });

  it('reports the first syntax error with its line', () => {
    const broken = YamlSource.parse('a: 1\nb: [1, 2\nc: 3\n');
    assert.deepEqual(broken.syntaxErrors.map((e) => e.line), [3]);
    assert.equal(broken.value, undefined);
  });

  it('reports duplicate keys as syntax errors', () => {
    const broken = YamlSource.parse('a: 1\nb: 2\na: 3\n');
    assert.deepEqual(broken.syntaxErrors, [{ line: 3, message: 'Map keys must be unique' }]);
  });

  it('hints at quoting when an unquoted ${NAME} breaks a flow map', () => {
    const broken = YamlSource.parse('auth: { method: basic, password: ${PASSWORD} }\n');
    assert.equal(broken.syntaxErrors.length, 1);
    assert.match(broken.syntaxErrors[0].message, /hint: quote values containing \$\{\.\.\.\} inside \{ \} or \[ \]/);
  });

  it('reads an empty file as undefined', () => {
    const empty = YamlSource.parse('# nothing yet\n');
    assert.deepEqual(empty.syntaxErrors, []);
    assert.equal(empty.value, undefined);
  });
});
