/**
 * @ihub/plugin-kit — everything a connector plugin codes against. Nothing else of ihub is a
 * contract for plugins: a connector imports this package (as a peer dependency) and nothing more.
 */
export * from './errors';
export * from './connector/connector.types';
export { defineConnector } from './connector/define-connector';
export { manifestSchema, manifestProblems } from './connector/manifest.schema';
export { secret, secretPaths, redactSecrets, toJsonSchema, SECRET_KEYWORD } from './schema/secret';
export { z } from 'zod';
export * from './http';
export * from './conformance';
