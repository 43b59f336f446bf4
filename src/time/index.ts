export * from './bank-holidays';
export * from './clock';
export * from './london';
export * from './working-days';
