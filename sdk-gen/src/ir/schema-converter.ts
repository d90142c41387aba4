import type { AliasModel, EnumModel, JsonValue, Model, ObjectModel, Origin, Property, TypeRef, UnionModel, UnionVariant } from './ir.types';
import { arr, str, type Json } from './json';
import { componentSchemaName, isObject, RefResolver } from './ref-resolver';
import { typeName, unique } from './words';

/** Where a schema is being converted: the name an inline model there gets, and how to find it again. */
export interface SchemaContext {
  nameHint: string;
  origin: Origin;
  /** Location for warnings, e.g. `createFlow request body › targets`. */
  where: string;
  /** In a multipart or octet-stream body, `format: binary` strings are bytes. */
  binary: boolean;
}

/** Keywords the converter cannot express in a type; a schema made only of these becomes any JSON value. */
const UNTYPABLE = ['not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'prefixItems', 'contains'];

const step = (ctx: SchemaContext, s: Origin['steps'][number], nameHint: string, where: string): SchemaContext => ({
  ...ctx,
  nameHint,
  where: `${ctx.where} › ${where}`,
  origin: { root: ctx.origin.root, steps: [...ctx.origin.steps, s] },
});

/**
 * Turns JSON Schemas (OpenAPI 3.0 and 3.1 dialects) into type references, creating a named model
 * for every component schema and every inline object, enum or union it meets.
 */
export class SchemaConverter {
  readonly models = new Map<string, Model>();
  private readonly componentNames = new Map<string, string>();
  private readonly taken = new Set<string>();
  /** Non-component `$ref`s being expanded: a cycle through them cannot be named, so it becomes any. */
  private readonly expanding = new Set<string>();

  constructor(private readonly resolver: RefResolver, private readonly components: Json, readonly warnings: string[]) {
    // Component names are claimed first, so an inline model never takes a name a component needs.
    for (const key of Object.keys(components)) this.componentNames.set(key, unique(typeName(key), this.taken));
  }

  /** Builds the model of every component schema, used or not. */
  convertComponents(): void {
    for (const key of Object.keys(this.components)) this.component(key);
  }

  toType(schema: unknown, ctx: SchemaContext): TypeRef {
    if (!isObject(schema)) return { kind: 'any', nullable: schema !== false };
    const nullable = isNullable(schema);
    const ref = str(schema.$ref);
    if (ref !== undefined) return this.refType(ref, nullable, ctx);

    const variants = this.nonNullVariants(schema);
    if (variants) {
      if (variants.length === 1) return withNullable(this.toType(mergeSiblings(schema, variants[0]), ctx), nullable);
      return this.named(ctx, nullable, (name) => this.union(schema, variants, name, ctx));
    }
    const allOf = arr(schema.allOf);
    if (allOf.length === 1 && !isObject(schema.properties)) return withNullable(this.toType(mergeSiblings(schema, allOf[0]), ctx), nullable);
    if (allOf.length > 0) return this.named(ctx, nullable, (name) => this.object(schema, name, ctx));

    const values = arr(schema.enum).filter((v) => v !== null);
    if (values.length > 0) return this.enumType(schema, values, nullable, ctx);
    if (schema.const !== undefined && schema.const !== null) return withNullable(primitiveOf(schema.const, ctx, this.warnings), nullable);

    const type = typeOf(schema);
    switch (type) {
      case 'object':
        if (isObject(schema.properties) && Object.keys(schema.properties).length > 0) return this.named(ctx, nullable, (name) => this.object(schema, name, ctx));
        return { kind: 'map', values: this.additional(schema, ctx) ?? { kind: 'any', nullable: true }, nullable };
      case 'array':
        if (schema.prefixItems !== undefined || Array.isArray(schema.items)) return this.untyped(ctx, 'tuple arrays (prefixItems)');
        return { kind: 'array', items: this.toType(schema.items ?? true, step(ctx, { kind: 'items' }, `${ctx.nameHint}Item`, 'items')), nullable };
      case 'string':
        if (ctx.binary && (schema.format === 'binary' || str(schema.contentMediaType) === 'application/octet-stream')) return { kind: 'binary', nullable };
        return { kind: 'primitive', type: 'string', ...(str(schema.format) ? { format: str(schema.format) } : {}), nullable };
      case 'integer':
      case 'number':
      case 'boolean':
        return { kind: 'primitive', type, ...(str(schema.format) ? { format: str(schema.format) } : {}), nullable };
      case 'null':
        return { kind: 'any', nullable: true };
      case 'multiple':
        return this.untyped(ctx, `a type list (${arr(schema.type).join(', ')})`);
      default: {
        const untypable = UNTYPABLE.filter((k) => k in schema);
        return untypable.length > 0 ? this.untyped(ctx, untypable.join(', ')) : { kind: 'any', nullable: true };
      }
    }
  }

  private refType(ref: string, nullable: boolean, ctx: SchemaContext): TypeRef {
    const component = componentSchemaName(ref);
    if (component !== undefined && this.componentNames.has(component)) return { kind: 'model', name: this.component(component), nullable };
    const target = this.resolver.resolve(ref);
    if (target === undefined) {
      this.warnings.push(`${ctx.where}: cannot resolve $ref '${ref}' (only references inside the document are followed); typed as any JSON value`);
      return { kind: 'any', nullable: true };
    }
    if (this.expanding.has(ref)) {
      this.warnings.push(`${ctx.where}: $ref '${ref}' is recursive outside components/schemas; typed as any JSON value`);
      return { kind: 'any', nullable: true };
    }
    this.expanding.add(ref);
    try {
      return withNullable(this.toType(target, ctx), nullable);
    } finally {
      this.expanding.delete(ref);
    }
  }

  /** The model name of a component schema, building its model on first use. */
  private component(key: string): string {
    const name = this.componentNames.get(key)!;
    if (this.models.has(name)) return name;
    const schema = this.components[key];
    const ctx: SchemaContext = { nameHint: name, origin: { root: { kind: 'schema', name: key }, steps: [] }, where: `components.schemas.${key}`, binary: false };
    const kind = isObject(schema) ? modelKind(schema) : undefined;
    if (kind && isObject(schema)) {
      // Registered before its members are converted, so recursive references find it.
      const placeholder: AliasModel = { kind: 'alias', name, deprecated: false, origin: ctx.origin, target: { kind: 'any', nullable: true } };
      this.models.set(name, placeholder);
      const variants = this.nonNullVariants(schema);
      const built: Model | TypeRef = kind === 'union' && variants ? this.union(schema, variants, name, ctx) : kind === 'enum' ? this.enumModel(schema, arr(schema.enum).filter((v) => v !== null), name, ctx) ?? { kind: 'any', nullable: true } : this.object(schema, name, ctx);
      // A schema the converter could not model (it warned) stays a name for any JSON value.
      this.models.set(name, 'nullable' in built ? { ...placeholder, target: built } : built);
    } else {
      const alias: AliasModel = { kind: 'alias', name, deprecated: isObject(schema) && schema.deprecated === true, origin: ctx.origin, target: { kind: 'any', nullable: true }, ...describe(schema) };
      this.models.set(name, alias);
      alias.target = this.toType(schema, { ...ctx, nameHint: `${name}Value` });
    }
    return name;
  }

  /** An inline model under a fresh name from the context's hint. */
  private named(ctx: SchemaContext, nullable: boolean, build: (name: string) => Model | TypeRef): TypeRef {
    const name = unique(ctx.nameHint, this.taken);
    const built = build(name);
    if ('nullable' in built) return withNullable(built, nullable);
    this.models.set(name, built);
    return { kind: 'model', name, nullable };
  }

  private object(schema: Json, name: string, ctx: SchemaContext): ObjectModel | TypeRef {
    const merged = this.flatten(schema, ctx, new Set());
    if (!merged) return this.untyped(ctx, 'allOf with a member that is not an object');
    const modelCtx = { ...ctx, nameHint: name };
    const properties: Property[] = Object.entries(merged.properties).map(([wireName, prop]) => {
      const p = isObject(prop) ? prop : {};
      const type = this.toType(prop, step(modelCtx, { kind: 'property', name: wireName }, `${name}${typeName(wireName, 'Field')}`, wireName));
      return {
        wireName,
        type,
        required: merged.required.has(wireName),
        ...describe(p),
        ...(p.default !== undefined ? { default: p.default as JsonValue } : {}),
        readOnly: p.readOnly === true,
        deprecated: p.deprecated === true,
      };
    });
    const additional = this.additional(merged.source, modelCtx);
    return { kind: 'object', name, deprecated: schema.deprecated === true, origin: ctx.origin, properties, ...(additional ? { additional } : {}), ...describe(schema) };
  }

  /** Properties and required names of a schema with its `allOf` members merged in, or undefined when a member is no object. */
  private flatten(schema: Json, ctx: SchemaContext, seen: Set<string>): { properties: Json; required: Set<string>; source: Json } | undefined {
    const properties: Json = {};
    const required = new Set<string>();
    let source = schema;
    for (const member of arr(schema.allOf)) {
      let target: unknown = member;
      if (isObject(member) && typeof member.$ref === 'string') {
        if (seen.has(member.$ref)) continue;
        seen.add(member.$ref);
        target = this.resolver.resolve(member.$ref);
      }
      if (!isObject(target) || (modelKind(target) !== 'object' && !(isObject(target.properties) || arr(target.allOf).length > 0))) return undefined;
      const inner = this.flatten(target, ctx, seen);
      if (!inner) return undefined;
      Object.assign(properties, inner.properties);
      inner.required.forEach((r) => required.add(r));
      if (inner.source.additionalProperties !== undefined) source = inner.source;
    }
    if (isObject(schema.properties)) Object.assign(properties, schema.properties);
    for (const r of arr(schema.required)) if (typeof r === 'string') required.add(r);
    if (schema.additionalProperties !== undefined) source = schema;
    return { properties, required, source };
  }

  private additional(schema: Json, ctx: SchemaContext): TypeRef | undefined {
    const ap = schema.additionalProperties;
    if (ap === true) return { kind: 'any', nullable: true };
    if (!isObject(ap)) return undefined;
    return this.toType(ap, step(ctx, { kind: 'values' }, `${ctx.nameHint}Value`, 'additionalProperties'));
  }

  private union(schema: Json, variants: unknown[], name: string, ctx: SchemaContext): UnionModel {
    const taken = new Set<string>();
    const built: UnionVariant[] = variants.map((variant, index) => {
      const type = this.toType(variant, step({ ...ctx, nameHint: name }, { kind: 'variant', index }, `${name}Option${index + 1}`, `variant ${index + 1}`));
      return { name: unique(variantName(type), taken), type };
    });
    const disc = isObject(schema.discriminator) ? str(schema.discriminator.propertyName) : undefined;
    const model: UnionModel = { kind: 'union', name, deprecated: schema.deprecated === true, origin: ctx.origin, variants: built, ...describe(schema) };
    if (disc === undefined) return model;
    const mapping: Array<{ value: string; variant: string }> = [];
    const explicit = isObject(schema.discriminator) && isObject(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
    for (const [value, target] of Object.entries(explicit)) {
      const component = typeof target === 'string' ? componentSchemaName(target) ?? target : undefined;
      const variant = built.find((v) => v.type.kind === 'model' && component !== undefined && v.type.name === this.componentNames.get(component));
      if (variant) mapping.push({ value, variant: variant.name });
      else this.warnings.push(`${ctx.where}: discriminator mapping '${value}' names no variant of the union; ignored`);
    }
    // Without an explicit mapping entry, a variant's discriminator value is its component schema's name.
    variants.forEach((variant, i) => {
      const component = isObject(variant) && typeof variant.$ref === 'string' ? componentSchemaName(variant.$ref) : undefined;
      if (component !== undefined && !mapping.some((m) => m.variant === built[i].name)) mapping.push({ value: component, variant: built[i].name });
    });
    return { ...model, discriminator: { property: disc, mapping } };
  }

  private enumType(schema: Json, values: unknown[], nullable: boolean, ctx: SchemaContext): TypeRef {
    if (values.every((v) => typeof v === 'boolean')) return { kind: 'primitive', type: 'boolean', nullable };
    if (values.every((v) => typeof v === 'number') && !values.every((v) => Number.isInteger(v))) return { kind: 'primitive', type: 'number', nullable };
    return this.named(ctx, nullable, (name) => this.enumModel(schema, values, name, ctx) ?? this.untyped(ctx, 'an enum mixing value types'));
  }

  private enumModel(schema: Json, values: unknown[], name: string, ctx: SchemaContext): EnumModel | undefined {
    const valueType = values.every((v) => typeof v === 'string') ? 'string' : values.every((v) => Number.isInteger(v)) ? 'integer' : undefined;
    if (!valueType) {
      this.warnings.push(`${ctx.where}: an enum mixing value types; typed as any JSON value`);
      return undefined;
    }
    const unique = [...new Set(values as Array<string | number>)];
    return { kind: 'enum', name, deprecated: schema.deprecated === true, origin: ctx.origin, valueType, values: unique, ...describe(schema) };
  }

  private nonNullVariants(schema: Json): unknown[] | undefined {
    const list = arr(schema.oneOf).length > 0 ? arr(schema.oneOf) : arr(schema.anyOf);
    if (list.length === 0) return undefined;
    return list.filter((v) => !isNullSchema(v, this.resolver));
  }

  /** Any JSON value (null included), with a warning naming what could not be typed. */
  private untyped(ctx: SchemaContext, what: string): TypeRef {
    this.warnings.push(`${ctx.where}: cannot type ${what} precisely; typed as any JSON value`);
    return { kind: 'any', nullable: true };
  }
}

function typeOf(schema: Json): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const types = t.filter((x) => x !== 'null');
    if (types.length === 0) return 'null';
    if (types.length === 1) return String(types[0]);
    // integer ⊂ number: a list of just those two is a number.
    if (types.length === 2 && types.includes('integer') && types.includes('number')) return 'number';
    return 'multiple';
  }
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

/** Which named model a schema needs, if any: an object with properties, an allOf, an enum, or a union. */
function modelKind(schema: Json): 'object' | 'enum' | 'union' | undefined {
  const variants = arr(schema.oneOf).length > 0 ? arr(schema.oneOf) : arr(schema.anyOf);
  if (variants.filter((v) => !(isObject(v) && (v.type === 'null' || (Array.isArray(v.enum) && v.enum.length === 1 && v.enum[0] === null)))).length > 1) return 'union';
  if (arr(schema.allOf).length > 1 || (arr(schema.allOf).length === 1 && isObject(schema.properties))) return 'object';
  const values = arr(schema.enum).filter((v) => v !== null);
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return 'enum';
  if (values.length > 0 && values.every((v) => Number.isInteger(v))) return 'enum';
  if (isObject(schema.properties) && Object.keys(schema.properties).length > 0 && (schema.type === undefined || schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')))) return 'object';
  return undefined;
}

function isNullable(schema: Json): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  if (schema.const === null) return true;
  return [...arr(schema.oneOf), ...arr(schema.anyOf)].some((v) => isObject(v) && (v.type === 'null' || v.nullable === true || (Array.isArray(v.type) && v.type.includes('null'))));
}

function isNullSchema(v: unknown, resolver: RefResolver): boolean {
  const s = resolver.deref<Json>(v);
  return isObject(s) && (s.type === 'null' || (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null) || (s.const === null && s.type === undefined));
}

/** `{ description, nullable, $ref }` beside a single `allOf`/`oneOf` member are common: keep them. */
function mergeSiblings(schema: Json, member: unknown): unknown {
  if (!isObject(member)) return member;
  const out: Json = { ...member };
  if (schema.nullable === true) out.nullable = true;
  return out;
}

function withNullable(t: TypeRef, nullable: boolean): TypeRef {
  return nullable && !t.nullable ? { ...t, nullable: true } : t;
}

function primitiveOf(value: unknown, ctx: SchemaContext, warnings: string[]): TypeRef {
  if (typeof value === 'string') return { kind: 'primitive', type: 'string', nullable: false };
  if (typeof value === 'boolean') return { kind: 'primitive', type: 'boolean', nullable: false };
  if (typeof value === 'number') return { kind: 'primitive', type: Number.isInteger(value) ? 'integer' : 'number', nullable: false };
  warnings.push(`${ctx.where}: a const that is an object or array; typed as any JSON value`);
  return { kind: 'any', nullable: true };
}

function variantName(type: TypeRef): string {
  switch (type.kind) {
    case 'model':
      return type.name;
    case 'primitive':
      return typeName(type.type);
    case 'array':
      return `ListOf${variantName(type.items)}`;
    case 'map':
      return `MapOf${variantName(type.values)}`;
    case 'binary':
      return 'Bytes';
    case 'any':
      return 'Value';
  }
}

function describe(schema: unknown): { description?: string } {
  return isObject(schema) && typeof schema.description === 'string' && schema.description.length > 0 ? { description: schema.description } : {};
}
