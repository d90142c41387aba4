import assert from 'node:assert/strict';
import { buildIr } from '../../src/ir/build-ir';
import type { ObjectModel, TypeRef, UnionModel } from '../../src/ir/ir.types';
import { SdkGenError } from '../../src/sdk-gen.error';
import { loadCorpus } from '../support/generate';

const model = <T>(ir: ReturnType<typeof buildIr>, name: string) => ir.models.find((m) => m.name === name) as T;
const prop = (m: ObjectModel, wire: string): TypeRef => m.properties.find((p) => p.wireName === wire)!.type;

describe('buildIr', () => {
  it('reads nullability from both dialects: nullable: true (3.0), type lists and anyOf with null (3.1)', async () => {
    const pet = buildIr(await loadCorpus('petstore-3.0.yaml'));
    assert.equal(prop(model<ObjectModel>(pet, 'Cat'), 'nickname').nullable, true);
    assert.equal(prop(model<ObjectModel>(pet, 'Cat'), 'name').nullable, false);
    const catalog = buildIr(await loadCorpus('catalog-3.1.json'));
    const item = model<ObjectModel>(catalog, 'Item');
    assert.deepEqual(prop(item, 'price'), { kind: 'primitive', type: 'number', nullable: true });
    assert.deepEqual(prop(item, 'status'), { kind: 'model', name: 'ItemStatus', nullable: true });
    assert.deepEqual(prop(model<ObjectModel>(catalog, 'Node'), 'parent'), { kind: 'model', name: 'Node', nullable: true });
  });

  it('flattens allOf into one object with the members of each part', async () => {
    const cat = model<ObjectModel>(buildIr(await loadCorpus('petstore-3.0.yaml')), 'Cat');
    assert.deepEqual(cat.properties.map((p) => p.wireName), ['petType', 'name', 'nickname', 'tags', 'default', 'self', 'owner', 'huntingSkill', 'lives']);
    assert.deepEqual(cat.properties.filter((p) => p.required).map((p) => p.wireName), ['petType', 'name']);
  });

  it('keeps discriminators with explicit and implicit mappings', async () => {
    const pet = model<UnionModel>(buildIr(await loadCorpus('petstore-3.0.yaml')), 'Pet');
    assert.deepEqual(pet.discriminator, { property: 'petType', mapping: [{ value: 'cat', variant: 'Cat' }, { value: 'dog', variant: 'Dog' }, { value: 'puppy', variant: 'Dog' }] });
    const shape = model<UnionModel>(buildIr(await loadCorpus('catalog-3.1.json')), 'Shape');
    assert.deepEqual(shape.discriminator?.mapping, [{ value: 'Circle', variant: 'Circle' }, { value: 'Square', variant: 'Square' }]);
  });

  it('names inline models after where they are, and operations without an id after method and path', async () => {
    const ir = buildIr(await loadCorpus('catalog-3.1.json'));
    assert.ok(ir.models.some((m) => m.name === 'ClassificationOption4'));
    assert.deepEqual(ir.operations.map((o) => o.key), ['list_items', 'postItems', 'getNotes', 'putNotes', 'getTree', 'classify', 'putBlob']);
    assert.equal(ir.operations.find((o) => o.key === 'getTree')!.authenticated, false);
  });

  it('reads the OAuth token URL and the server URL with its variables', async () => {
    const pet = buildIr(await loadCorpus('petstore-3.0.yaml'));
    assert.equal(pet.serverUrl, 'https://pets.example.com/v2');
    assert.deepEqual(pet.auth, { apiKey: { name: 'X-Api-Key', in: 'header' } });
    const catalog = buildIr(await loadCorpus('catalog-3.1.json'));
    assert.deepEqual(catalog.auth.oauth2, { tokenUrl: 'https://auth.example.com/token', tokenUrlBase: 'absolute', scopes: ['read'] });
  });

  it('refuses what is not OpenAPI 3.x with SDKGEN_SPEC_INVALID', () => {
    assert.throws(() => buildIr({ swagger: '2.0' }), (err: SdkGenError) => err.code === 'SDKGEN_SPEC_INVALID');
  });
});
