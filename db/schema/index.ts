export * from './enums';
export * from './settings';
export * from './catalog';
export * from './people';
export * from './agenda';
export * from './messaging';
export * from './audit';
export * from './rate-limits';
