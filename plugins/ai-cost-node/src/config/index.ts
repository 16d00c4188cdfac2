export * from './readProviderSourceConfigs';
