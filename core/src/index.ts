export { openStore, dialectOf, type StoreOptions, type Dialect } from './store/data-source';
export * from './store/entities';
